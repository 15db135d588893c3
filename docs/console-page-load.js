// Times the console's pages in headless Chromium against a running silo: from navigation start until the page
// shows its data. Uses the Node driver the Microsoft.Playwright NuGet package ships (no browser download).
// node docs/console-page-load.js BASEURL TOKENFILE [RUNS]; with 10 000 calls stored in a fresh silo, all in one command:
// dotnet run -c Release --project tests/Receptionist.Benchmarks -- --console-page-load [--calls N] [--runs R]
const { chromium } = require(`${process.env.HOME}/.nuget/packages/microsoft.playwright/1.64.1/.playwright/package`);
const fs = require('fs');
const [base, tokenFile, runs = '7'] = process.argv.slice(2);
const token = fs.readFileSync(tokenFile, 'utf8').trim();
const pages = [
  ['floor: the sign-in form, no API call (what the browser alone costs here)', '', '#token', false],
  ['live board', '#/board', 'body[data-live=connected] #board-table tbody tr'],
  ['analytics (every chart, busiest hours and opt-outs included, drawn from one API answer)', '#/analytics', '#chart-hours .column'],
  ['set-up', '#/setup', '.save-bar'],
];
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  for (const [name, hash, ready, signedIn = true] of pages) {
    const times = [], afterHtml = [];
    for (let i = 0; i < Number(runs); i++) {
      const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
      if (signedIn) await context.addInitScript(t => sessionStorage.setItem('receptionist.token', t), token);
      const page = await context.newPage();
      await page.goto(`${base}/console/${hash}`);
      await page.waitForSelector(ready);
      const [now, html] = await page.evaluate(() => [performance.now(), performance.getEntriesByType('navigation')[0].responseEnd]);
      times.push(now);
      afterHtml.push(now - html);
      await context.close();
    }
    const median = list => [...list].sort((a, b) => a - b)[list.length >> 1].toFixed(0);
    console.log(`${name}: from navigation median ${median(times)} ms (max ${Math.max(...times).toFixed(0)}), ` +
      `from the HTML's arrival median ${median(afterHtml)} ms, over ${runs} loads`);
  }
  await browser.close();
})();
