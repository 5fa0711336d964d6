// The page background in each theme. renderer/styles/base.css paints it (--bg); the desktop window
// is created with it, so a dark system never flashes a white window before the page draws. A test
// holds base.css to these values.
export const PAGE_BACKGROUND = { light: '#f2f4f7', dark: '#0f151c' } as const;
