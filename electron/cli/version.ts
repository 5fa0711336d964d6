// The tool version written into manifests and printed by --version; kept in step with package.json
// by a unit test (shared code cannot read package.json at run time in every host).
export const VERSION = '0.1.0';
