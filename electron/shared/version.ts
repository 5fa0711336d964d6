// The tool version written into manifests and printed by --version; a unit test keeps it in step
// with package.json (the engine and renderer cannot read package.json at run time in every host).
export const VERSION = '0.1.0';
