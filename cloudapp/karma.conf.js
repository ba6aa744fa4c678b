// Karma configuration for the Cloud App's unit tests (copied into .ng/ by `eca test`).
// Runs headless Chromium without a sandbox (CI runs as root) and writes a JSON summary
// that tools/run-tests.mjs folds into the project-wide "N passed, N failed" line.
const fs = require('fs');
const path = require('path');

function SummaryReporter(baseReporterDecorator) {
  baseReporterDecorator(this);
  const out = process.env.KARMA_SUMMARY_FILE;
  const summary = { passed: 0, failed: 0, skipped: 0, failures: [], error: false };
  this.onSpecComplete = (_browser, result) => {
    if (result.skipped) summary.skipped++;
    else if (result.success) summary.passed++;
    else {
      summary.failed++;
      summary.failures.push(`${result.suite.join(' > ')} > ${result.description}`);
    }
  };
  this.onBrowserError = () => {
    summary.error = true;
  };
  this.onRunComplete = (_browsers, results) => {
    if (results.error) summary.error = true;
    if (out) {
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, JSON.stringify(summary, null, 2));
    }
  };
}
SummaryReporter.$inject = ['baseReporterDecorator'];

module.exports = function (config) {
  config.set({
    basePath: '',
    frameworks: ['jasmine', '@angular-devkit/build-angular'],
    plugins: [
      require('karma-jasmine'),
      require('karma-chrome-launcher'),
      require('@angular-devkit/build-angular/plugins/karma'),
      { 'reporter:summary': ['type', SummaryReporter] },
    ],
    client: { jasmine: { random: true }, clearContext: true },
    reporters: ['progress', 'summary'],
    browsers: ['ChromeHeadlessNoSandbox'],
    customLaunchers: {
      ChromeHeadlessNoSandbox: {
        base: 'ChromeHeadless',
        flags: require('../tools/chromium-flags.json').flags,
      },
    },
    browserNoActivityTimeout: 120000,
    captureTimeout: 120000,
    singleRun: true,
    restartOnFileChange: false,
  });
};
