// Where the bundled CLI lives: bundle-cli.js writes it, bin/courier.js runs it, and the tests and the
// campaign that spawn `courier` check it is there first.
export const CLI_BUNDLE_DIR = new URL('../../dist/cli-bundle/', import.meta.url);
export const CLI_BUNDLE_ENTRY = new URL('courier-cli.js', CLI_BUNDLE_DIR);
