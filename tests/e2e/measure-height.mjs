// Measures the page's height at 1,280 px with the workshop sample's busiest principal chosen,
// and the height of each section: the check behind the e2e's "≤ 6,000 px" assertion, printed
// section by section to find what makes a page long. Usage: node tests/e2e/measure-height.mjs
// (DIST defaults to ../../dist, CHROMIUM to /usr/bin/chromium).
import { chromium } from "playwright-core";
import { resolve, join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { serveSite } from "../../scripts/lib/site.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(process.env.DIST ?? join(here, "../../dist"));
const prefix = "/measure/";
const { server, origin } = await serveSite({ root: dist }, prefix);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const page = await browser.newPage({ viewport: { width: Number(process.env.WIDTH ?? 1280), height: 800 }, locale: process.env.LOCALE ?? "en-US" });
  await page.goto(origin + prefix);
  await page.waitForSelector("#load-sample", { timeout: 20000 });
  await page.click("#load-sample");
  await page.waitForSelector("#principals", { timeout: 30000 });
  await page.click('button.choose[data-principal$="orders-api-lambda-role"]');
  await page.waitForSelector("#actions-table", { timeout: 30000 });
  const report = await page.evaluate(() => {
    const sections = [...document.querySelectorAll("section, fieldset")].map((element) => {
      const heading = element.querySelector("h2, h3, h4, legend");
      return [Math.round(element.getBoundingClientRect().height), `${element.tagName.toLowerCase()}.${element.className} ${heading ? heading.textContent.trim().slice(0, 40) : ""}`];
    });
    const narrow = [...document.querySelectorAll("td, th")].filter((cell) => cell.getBoundingClientRect().width < 40 && cell.textContent.trim().length > 4).length;
    return { height: document.documentElement.scrollHeight, sections, narrow };
  });
  console.log(`page height: ${report.height} px; table cells narrower than 40 px with text: ${report.narrow}`);
  for (const [height, name] of report.sections.sort((a, b) => b[0] - a[0]).slice(0, 20)) console.log(`${String(height).padStart(6)}  ${name}`);
} finally {
  await browser.close();
  server.close();
}
