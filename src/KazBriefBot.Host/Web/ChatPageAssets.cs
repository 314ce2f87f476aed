namespace KazBriefBot.Host.Web;

/// <summary>The chat page's HTML, script and style, compiled into the assembly so the page needs no files or network.</summary>
/// <remarks>The script renders corpus text with textContent only, never innerHTML.</remarks>
internal static class ChatPageAssets
{
    public const string Html = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>KazBriefBot</title>
          <link rel="icon" href="data:,">
          <link rel="stylesheet" href="/app.css">
        </head>
        <body>
          <header class="top">
            <h1>KazBriefBot</h1>
            <p class="tagline">Kazakhstan–US relations, answered with verbatim quotes and their sources.</p>
          </header>
          <div class="layout">
            <main>
              <section id="conversation" class="conversation" aria-live="polite" aria-label="Conversation">
                <div class="message bot intro">
                  <p>Ask a question (for example <em>What did Blinken announce?</em>) or type a command:
                  <code>figures trade</code>, <code>digest</code>, <code>sources</code>, <code>article 001</code>, <code>help</code>.</p>
                </div>
              </section>
              <form id="chat-form" class="chat-form" autocomplete="off">
                <label for="message" class="visually-hidden">Message</label>
                <input id="message" name="message" maxlength="1000" placeholder="Ask a question or type a command" required>
                <button type="submit" id="send">Send</button>
              </form>
              <div class="suggestions" id="suggestions">
                <button type="button" data-text="What did Blinken announce?">What did Blinken announce?</button>
                <button type="button" data-text="figures trade">figures trade</button>
                <button type="button" data-text="digest">digest</button>
                <button type="button" data-text="sources">sources</button>
                <button type="button" data-text="help">help</button>
              </div>
            </main>
            <aside id="article-panel" class="article-panel" hidden aria-label="Article">
              <div class="panel-head">
                <h2 id="article-title">Article</h2>
                <button type="button" id="article-close" aria-label="Close article">×</button>
              </div>
              <p id="article-meta" class="meta"></p>
              <pre id="article-text" class="article-text"></pre>
            </aside>
          </div>
          <script src="/app.js"></script>
        </body>
        </html>
        """;

    public const string Script = """
        "use strict";
        (() => {
          const conversation = document.getElementById("conversation");
          const form = document.getElementById("chat-form");
          const input = document.getElementById("message");
          const panel = document.getElementById("article-panel");
          const conversationId = (() => {
            try {
              let id = sessionStorage.getItem("kazbrief.conversation");
              if (!id) {
                id = "web-" + Math.random().toString(36).slice(2, 12);
                sessionStorage.setItem("kazbrief.conversation", id);
              }
              return id;
            } catch {
              return "web";
            }
          })();

          // Every piece of text goes through textContent: corpus text is never parsed as HTML.
          function el(tag, className, text) {
            const node = document.createElement(tag);
            if (className) node.className = className;
            if (text !== undefined && text !== null) node.textContent = String(text);
            return node;
          }

          function outlet(source) { return source.publisher || "Unknown outlet"; }
          function dateOf(source) { return source.date || "undated"; }

          function articleLink(source, label) {
            const link = el("a", "article-link", label || "article");
            const start = Number.isInteger(source.start) ? source.start : 0;
            const end = Number.isInteger(source.end) ? source.end : 0;
            link.href = "#article=" + encodeURIComponent(source.id) + "&start=" + start + "&end=" + end;
            link.dataset.article = source.id;
            link.addEventListener("click", (event) => {
              event.preventDefault();
              history.replaceState(null, "", link.href);
              openArticle(source.id, start, end);
            });
            return link;
          }

          function sourceLine(source) {
            const footer = el("footer", "source");
            footer.append(el("span", "outlet", outlet(source)), " · ", el("time", "date", dateOf(source)));
            if (source.title) footer.append(" · ", el("span", "title", source.title));
            footer.append(" · ", articleLink(source));
            return footer;
          }

          function renderText(block) {
            return el("p", "text", block.text);
          }

          function renderQuote(quote) {
            const card = el("article", "quote-card");
            card.dataset.article = quote.source.id;
            card.append(el("blockquote", "quote", quote.text));
            if (quote.speaker) card.append(el("p", "speaker", "— " + quote.speaker));
            card.append(sourceLine(quote.source));
            return card;
          }

          function figureStatuses(report) {
            const statuses = new Map();
            for (const group of report.groups || []) {
              for (const index of group.figures || []) statuses.set(index, group);
            }
            return statuses;
          }

          function renderFigureTable(figures, groups, caption) {
            const statuses = figureStatuses({ groups });
            const table = el("table", "figures-table");
            if (caption) table.append(el("caption", "", caption));
            const head = el("tr");
            for (const name of ["Metric", "Kind", "Parties", "Period", "Figure", "Value", "Source", "Status"]) head.append(el("th", "", name));
            const thead = el("thead");
            thead.append(head);
            table.append(thead);
            const body = el("tbody");
            figures.forEach((figure, index) => {
              const group = statuses.get(index);
              const row = el("tr", group && disagrees(group) ? "conflict" : "");
              row.append(el("td", "metric", figure.metric));
              row.append(el("td", "kind", figure.kind || ""));
              row.append(el("td", "parties", partiesText(figure.parties)));
              row.append(el("td", "period", figure.period || ""));
              const text = el("td", "figure-text");
              text.append(el("strong", "", figure.text));
              if (figure.qualifier && figure.qualifier !== "exact") text.append(el("span", "qualifier", " (" + figure.qualifier + ")"));
              if (figure.change) text.append(el("span", "change", " " + figure.change));
              const quote = el("div", "figure-quote", figure.quote);
              text.append(quote);
              row.append(text);
              row.append(el("td", "value", formatValue(figure)));
              const source = el("td", "figure-source");
              source.append(el("span", "outlet", outlet(figure.source)), el("br"), el("time", "date", dateOf(figure.source)), el("br"), articleLink(figure.source));
              row.append(source);
              row.append(el("td", "status", group ? group.status : ""));
              body.append(row);
            });
            table.append(body);
            return table;
          }

          function disagrees(group) {
            return group.status === "conflict" || group.status === "possible-conflict";
          }

          function partiesText(parties) {
            const names = (parties && parties.names) || [];
            return names.length === 0 ? "" : names.join(parties.directed ? " → " : " + ");
          }

          function renderSummary(report) {
            const list = el("ul", "figures-summary");
            const figures = report.figures || [];
            for (const line of report.summary || []) {
              const group = (report.groups || [])[line.group];
              if (!group) continue;
              const item = el("li", disagrees(group) ? "conflict" : "");
              const agreement = { consistent: line.sources + " sources agree", conflict: "sources disagree", "possible-conflict": "sources may disagree",
                "possibly-consistent": "sources may agree", single: "one source" }[line.status] || line.status;
              const spread = line.spread != null ? " (" + line.spread + "% apart)" : "";
              item.append(el("strong", "", line.metric + " (" + line.kind + "), " + (partiesText(line.parties) || "parties unknown") + ", " + (line.period || "period unknown")));
              item.append(el("span", "agreement", ": " + agreement + spread));
              for (const i of group.figures || []) {
                const f = figures[i];
                if (!f) continue;
                const value = el("div", "summary-value");
                value.append(el("strong", "", f.text), el("span", "", " — "), el("q", "figure-quote", f.quote), el("span", "", " — "), sourceLine(f.source));
                item.append(value);
              }
              if (line.change != null && figures[line.change]) item.append(el("div", "change", "change: " + (figures[line.change].change || figures[line.change].text)));
              if (group.note) item.append(el("div", "note", "note: " + group.note));
              list.append(item);
            }
            return list;
          }

          function formatValue(figure) {
            const value = Number(figure.value);
            const shown = Number.isFinite(value) ? value.toLocaleString("en-US", { maximumFractionDigits: 2 }) : String(figure.value);
            return figure.unit ? shown + " " + figure.unit : shown;
          }

          // Charts: inline SVG built with createElementNS and textContent only (no markup parsing, no external resources).
          // The geometry is fixed so tests can check coordinates: viewBox 640 x 320, plot x 64..624, y 20..260.
          const SVG = "http://www.w3.org/2000/svg";
          const CHART = { width: 640, height: 320, left: 64, right: 624, top: 20, bottom: 260 };
          let chartCount = 0;

          function svg(tag, attributes, text) {
            const node = document.createElementNS(SVG, tag);
            for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, String(value));
            if (text !== undefined && text !== null) node.textContent = String(text);
            return node;
          }

          function round(value) { return Math.round(value * 100) / 100; }

          function chartY(chart, shown) {
            const axis = chart.axis;
            const span = Number(axis.max) - Number(axis.min);
            return round(CHART.bottom - (CHART.bottom - CHART.top) * (Number(shown) - Number(axis.min)) / (span || 1));
          }

          // Periods layout: one band per period, a source's point at (source + 1) / (sources + 1) of its band.
          // Sources layout: one band per source, its point in the middle.
          function chartX(chart, periodIndex, sourceIndex) {
            const width = CHART.right - CHART.left;
            if (chart.layout === "sources") return round(CHART.left + width * (sourceIndex + 0.5) / chart.sources.length);
            const band = width / chart.periods.length;
            return round(CHART.left + band * periodIndex + band * (sourceIndex + 1) / (chart.sources.length + 1));
          }

          function pointLink(point, label) {
            const source = point.origin;
            const href = "#article=" + encodeURIComponent(source.id) + "&start=" + source.start + "&end=" + source.end;
            const link = svg("a", { href, class: "chart-link", "aria-label": label });
            link.addEventListener("click", (event) => {
              event.preventDefault();
              history.replaceState(null, "", href);
              openArticle(source.id, source.start, source.end);
            });
            return link;
          }

          function renderChartPoint(chart, period, periodIndex, point) {
            const x = chartX(chart, periodIndex, point.source);
            const y = chartY(chart, point.shown);
            const sourceLabel = chart.sources[point.source].label;
            const label = point.text + " (" + point.qualifier + "), " + period.label + ", " + sourceLabel + (point.undated ? ", undated: its period may differ" : "");
            const link = pointLink(point, label);
            link.append(svg("title", {}, "“" + point.quote + "” — " + outlet(point.origin) + ", " + dateOf(point.origin)));
            const classes = ["chart-point", "series-" + (point.source % 6), point.qualifier.replace(/ /g, "-")];
            if (point.undated) classes.push("undated");
            if (period.status === "conflict" || period.status === "possible-conflict") classes.push("conflict");
            // A range is drawn from its low to its high end; a bound points the way the true value may lie.
            if (point.shownHigh !== null && point.shownHigh !== undefined) {
              link.append(svg("line", { class: "chart-range", x1: x, x2: x, y1: y, y2: chartY(chart, point.shownHigh) }));
            } else if (point.qualifier === "lower bound") {
              link.append(svg("path", { class: "chart-bound", d: "M" + x + " " + (y - 6) + " v-14 m-4 4 l4 -4 l4 4" }));
            } else if (point.qualifier === "upper bound") {
              link.append(svg("path", { class: "chart-bound", d: "M" + x + " " + (y + 6) + " v14 m-4 -4 l4 4 l4 -4" }));
            }
            link.append(svg("circle", { class: classes.join(" "), cx: x, cy: y, r: 6, "data-figure": point.figure ?? "" }));
            // Labels of neighbouring sources alternate above and below their points so that long ones do not overlap.
            const above = point.source % 2 === 0;
            const clear = (above && point.qualifier === "lower bound") || (!above && point.qualifier === "upper bound") ? 22 : 0;
            link.append(svg("text", { class: "chart-value", x, y: above ? y - 11 - clear : y + 19 + clear, "text-anchor": "middle" }, point.text));
            return link;
          }

          function renderChart(chart) {
            const id = "chart-" + (++chartCount);
            const figure = el("figure", "chart");
            figure.dataset.metric = chart.metric;
            const drawing = svg("svg", { viewBox: "0 0 " + CHART.width + " " + CHART.height, width: CHART.width, height: CHART.height,
              role: "group", "aria-labelledby": id + "-title", "aria-describedby": id + "-desc", class: "chart-svg" });
            drawing.append(svg("title", { id: id + "-title" }, chart.title), svg("desc", { id: id + "-desc" }, chart.description));
            const bandWidth = (CHART.right - CHART.left) / (chart.layout === "sources" ? chart.sources.length : chart.periods.length);
            chart.periods.forEach((period, i) => {
              if (period.status === "conflict" || period.status === "possible-conflict") {
                drawing.append(svg("rect", { class: "conflict-band", x: round(CHART.left + bandWidth * i), y: CHART.top, width: round(bandWidth), height: CHART.bottom - CHART.top }));
              }
            });
            const axis = chart.axis;
            for (let t = Number(axis.min); t <= Number(axis.max) + 1e-9; t += Number(axis.step)) {
              const y = chartY(chart, t);
              drawing.append(svg("line", { class: "chart-grid", x1: CHART.left, x2: CHART.right, y1: y, y2: y }));
              drawing.append(svg("text", { class: "chart-tick", x: CHART.left - 6, y: y + 4, "text-anchor": "end" }, String(round(t))));
            }
            drawing.append(svg("line", { class: "chart-axis", x1: CHART.left, x2: CHART.left, y1: CHART.top, y2: CHART.bottom }));
            drawing.append(svg("line", { class: "chart-axis", x1: CHART.left, x2: CHART.right, y1: CHART.bottom, y2: CHART.bottom }));
            const categories = chart.layout === "sources" ? chart.sources.map((s) => s.label) : chart.periods.map((p) => p.label);
            categories.forEach((label, i) => {
              const period = chart.layout === "sources" ? chart.periods[0] : chart.periods[i];
              const mark = period.status === "conflict" || period.status === "possible-conflict" ? "⚠ " : "";
              drawing.append(svg("text", { class: "chart-category", x: round(CHART.left + bandWidth * (i + 0.5)), y: CHART.bottom + 18, "text-anchor": "middle" }, mark + label));
            });
            drawing.append(svg("text", { class: "chart-axis-label", x: round((CHART.left + CHART.right) / 2), y: CHART.height - 14, "text-anchor": "middle" }, chart.periodAxis));
            drawing.append(svg("text", { class: "chart-axis-label", x: 16, y: round((CHART.top + CHART.bottom) / 2), "text-anchor": "middle",
              transform: "rotate(-90 16 " + round((CHART.top + CHART.bottom) / 2) + ")" }, chart.valueAxis));
            chart.periods.forEach((period, i) => {
              for (const point of period.points) drawing.append(renderChartPoint(chart, period, i, point));
            });
            figure.append(drawing);
            const caption = el("figcaption", "chart-caption");
            caption.append(el("strong", "", chart.title));
            const legend = el("ul", "chart-legend");
            chart.sources.forEach((source, i) => {
              const item = el("li", "");
              item.append(el("span", "swatch series-" + (i % 6), "●"), " " + source.label);
              legend.append(item);
            });
            for (const period of chart.periods) {
              if (period.status === "conflict" || period.status === "possible-conflict") legend.append(el("li", "conflict", "⚠ " + period.label + ": " + (period.status === "conflict" ? "sources disagree" : "sources may disagree") + (period.note ? " — " + period.note : "")));
            }
            caption.append(legend);
            const details = el("details", "chart-text");
            details.append(el("summary", "", "Chart as text"), el("p", "chart-description", chart.description));
            caption.append(details);
            figure.append(caption);
            return figure;
          }

          function renderFigures(report) {
            const section = el("section", "figures");
            const figures = report.figures || [];
            const title = report.topic ? "Figures: " + report.topic : "Figures";
            if (figures.length === 0) {
              section.append(el("p", "text", "No figures found" + (report.topic ? " for '" + report.topic + "'." : ".")));
              return section;
            }
            if ((report.summary || []).length > 0) section.append(el("h3", "", title), renderSummary(report));
            for (const chart of report.charts || []) section.append(renderChart(chart));
            section.append(renderFigureTable(figures, report.groups || [], title));
            for (const group of report.groups || []) {
              if (!disagrees(group)) continue;
              const note = el("p", "conflict-note");
              const parts = (group.figures || []).map((i) => figures[i]).filter(Boolean)
                .map((f) => f.text + " (" + outlet(f.source) + ", " + dateOf(f.source) + ")");
              note.textContent = (group.status === "possible-conflict" ? "Sources may disagree on " : "Sources disagree on ") + group.metric + (group.period ? " (" + group.period + ")" : "") + ": " + parts.join(" vs ");
              section.append(note);
            }
            return section;
          }

          function renderAnswer(answer) {
            const section = el("section", "answer");
            if (!answer.answered || (answer.quotes || []).length === 0) {
              section.append(el("p", "text no-answer", answer.message || "The articles do not answer this."));
            } else if (answer.message) {
              section.append(el("p", "text", answer.message));
            }
            if ((answer.figures || []).length > 0) section.append(renderFigureTable(answer.figures, [], "Figures"));
            for (const quote of answer.quotes || []) section.append(renderQuote(quote));
            return section;
          }

          function renderDigestItem(item) {
            const section = el("section", "digest-item");
            section.dataset.article = item.source.id;
            section.append(el("h4", "headline", item.headline));
            const list = el("ul", "highlights");
            for (const highlight of item.highlights || []) {
              const entry = el("li");
              entry.append(el("blockquote", "quote", highlight.text), articleLink(highlight.source, "in the article"));
              list.append(entry);
            }
            section.append(list);
            if ((item.figures || []).length > 0) section.append(renderFigureTable(item.figures, [], "Key figures"));
            if ((item.topics || []).length > 0) {
              const topics = el("p", "topics");
              for (const topic of item.topics) topics.append(el("span", "topic", topic));
              section.append(topics);
            }
            section.append(sourceLine(item.source));
            return section;
          }

          function renderDigest(digest) {
            const section = el("section", "digest");
            const range = digest.from === digest.to ? (digest.from || "") : (digest.from || "…") + " to " + (digest.to || "…");
            section.append(el("h3", "", "Digest " + range));
            if ((digest.topics || []).length > 0) {
              const topics = el("p", "topics");
              topics.append(el("span", "label", "Topics: "));
              for (const topic of digest.topics) topics.append(el("span", "topic", topic.name));
              section.append(topics);
            }
            for (const chart of digest.charts || []) section.append(renderChart(chart));
            for (const item of digest.items || []) section.append(renderDigestItem(item));
            if ((digest.undated || []).length > 0) {
              section.append(el("h3", "", "Undated"));
              for (const item of digest.undated) section.append(renderDigestItem(item));
            }
            if ((digest.items || []).length === 0 && (digest.undated || []).length === 0) section.append(el("p", "text", "No articles in this range."));
            return section;
          }

          function renderSources(articles) {
            const table = el("table", "sources-table");
            table.append(el("caption", "", articles.length + " articles"));
            const head = el("tr");
            for (const name of ["Outlet", "Date", "Title", "Sentences", ""]) head.append(el("th", "", name));
            const thead = el("thead");
            thead.append(head);
            table.append(thead);
            const body = el("tbody");
            for (const article of articles) {
              const row = el("tr");
              row.append(el("td", "", article.publisher || "Unknown outlet"), el("td", "", article.date || "undated"),
                el("td", "", article.title || article.id), el("td", "", article.sentences));
              const cell = el("td");
              cell.append(articleLink({ id: article.id, start: 0, end: 0 }, "read"));
              row.append(cell);
              body.append(row);
            }
            table.append(body);
            return table;
          }

          function renderArticleBlock(view) {
            const section = el("section", "article-view");
            section.dataset.article = view.summary.id;
            section.append(el("h3", "", view.summary.title || view.summary.id));
            section.append(el("p", "meta", metaLine(view.summary)));
            section.append(el("pre", "article-text", view.text));
            return section;
          }

          function metaLine(summary) {
            return [summary.publisher || "Unknown outlet", summary.date || "undated", summary.author ? "by " + summary.author : null, summary.id]
              .filter(Boolean).join(" · ");
          }

          const renderers = {
            text: (block) => renderText(block),
            answer: (block) => renderAnswer(block.answer),
            figures: (block) => renderFigures(block.report),
            digest: (block) => renderDigest(block.digest),
            article: (block) => renderArticleBlock(block.article),
            sources: (block) => renderSources(block.articles),
          };

          function renderReply(container, reply) {
            for (const block of reply.blocks || []) {
              const render = renderers[block.type];
              container.append(render ? render(block) : el("pre", "unknown-block", JSON.stringify(block, null, 2)));
            }
            if ((reply.actions || []).length > 0) {
              const actions = el("div", "actions");
              for (const action of reply.actions) {
                const button = el("button", "action", action.label);
                button.type = "button";
                button.addEventListener("click", () => send(action.commandText));
                actions.append(button);
              }
              container.append(actions);
            }
          }

          function problemText(problem, status) {
            if (problem && (problem.detail || problem.title)) return (problem.title ? problem.title + ": " : "") + (problem.detail || "");
            return "The bot answered with HTTP " + status + ".";
          }

          async function send(text) {
            text = String(text || "").trim();
            if (!text) return;
            conversation.append(el("div", "message user", text));
            const bot = el("div", "message bot");
            bot.setAttribute("aria-busy", "true");
            bot.append(el("p", "pending", "…"));
            conversation.append(bot);
            bot.scrollIntoView({ block: "end" });
            try {
              const response = await fetch("/api/chat", {
                method: "POST",
                headers: { "Content-Type": "application/json", "Accept": "application/json" },
                body: JSON.stringify({ text, conversationId }),
              });
              const body = await response.json().catch(() => null);
              bot.replaceChildren();
              if (!response.ok || !body) bot.append(el("p", "error", problemText(body, response.status)));
              else renderReply(bot, body);
            } catch (error) {
              bot.replaceChildren(el("p", "error", "Could not reach the bot: " + error.message));
            }
            bot.removeAttribute("aria-busy");
            bot.scrollIntoView({ block: "end" });
          }

          async function openArticle(id, start, end) {
            const title = document.getElementById("article-title");
            const meta = document.getElementById("article-meta");
            const text = document.getElementById("article-text");
            panel.hidden = false;
            title.textContent = "Loading…";
            meta.textContent = "";
            text.replaceChildren();
            try {
              const response = await fetch("/api/articles/" + encodeURIComponent(id), { headers: { "Accept": "application/json" } });
              const body = await response.json().catch(() => null);
              if (!response.ok || !body) {
                title.textContent = "Article not available";
                meta.textContent = problemText(body, response.status);
                return;
              }
              title.textContent = body.summary.title || body.summary.id;
              meta.textContent = metaLine(body.summary);
              const full = body.text;
              // Offsets are UTF-16 positions in the article text, as JavaScript strings count them.
              if (end > start && end <= full.length) {
                const mark = el("mark", "quoted", full.slice(start, end));
                text.append(document.createTextNode(full.slice(0, start)), mark, document.createTextNode(full.slice(end)));
                mark.scrollIntoView({ block: "center" });
              } else {
                text.textContent = full;
                text.scrollTop = 0;
              }
            } catch (error) {
              title.textContent = "Article not available";
              meta.textContent = error.message;
            }
          }

          function openFromHash() {
            const match = /^#article=([^&]+)&start=(\d+)&end=(\d+)$/.exec(location.hash);
            if (match) openArticle(decodeURIComponent(match[1]), Number(match[2]), Number(match[3]));
          }

          form.addEventListener("submit", (event) => {
            event.preventDefault();
            const text = input.value;
            input.value = "";
            send(text);
          });
          document.getElementById("suggestions").addEventListener("click", (event) => {
            const button = event.target.closest("button[data-text]");
            if (button) send(button.dataset.text);
          });
          document.getElementById("article-close").addEventListener("click", () => {
            panel.hidden = true;
            history.replaceState(null, "", location.pathname);
          });
          window.addEventListener("hashchange", openFromHash);
          openFromHash();
          input.focus();
        })();
        """;

    public const string Style = """
        :root {
          --ink: #1d2330; --muted: #5c6475; --line: #d9dde5; --paper: #ffffff; --back: #f3f5f8;
          --accent: #1f5fa8; --user: #e3edf9; --conflict: #fff1d6; --conflict-edge: #c77700; --mark: #ffe58a;
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
          color: var(--ink); background: var(--back);
        }
        * { box-sizing: border-box; }
        body { margin: 0; }
        .top { padding: 0.8rem 1.5rem; background: var(--paper); border-bottom: 1px solid var(--line); }
        .top h1 { margin: 0; font-size: 1.3rem; }
        .tagline { margin: 0.2rem 0 0; color: var(--muted); font-size: 0.9rem; }
        .layout { display: flex; gap: 1rem; padding: 1rem 1.5rem; align-items: flex-start; }
        main { flex: 1 1 60%; min-width: 0; }
        .conversation { display: flex; flex-direction: column; gap: 0.75rem; margin-bottom: 0.75rem; }
        .message { padding: 0.6rem 0.9rem; border-radius: 10px; max-width: 100%; }
        .message.user { align-self: flex-end; background: var(--user); white-space: pre-wrap; }
        .message.bot { align-self: stretch; background: var(--paper); border: 1px solid var(--line); }
        .message p { margin: 0.3rem 0; }
        .text { white-space: pre-wrap; }
        .error { color: #a11; }
        .pending { color: var(--muted); }
        .chat-form { display: flex; gap: 0.5rem; position: sticky; bottom: 0; padding: 0.5rem 0; background: var(--back); }
        .chat-form input { flex: 1; font: inherit; padding: 0.55rem 0.7rem; border: 1px solid var(--line); border-radius: 8px; }
        button { font: inherit; cursor: pointer; border-radius: 8px; border: 1px solid var(--accent); background: var(--accent); color: #fff; padding: 0.45rem 0.9rem; }
        .suggestions button, .actions button { background: var(--paper); color: var(--accent); padding: 0.25rem 0.6rem; font-size: 0.85rem; }
        .suggestions, .actions { display: flex; flex-wrap: wrap; gap: 0.4rem; margin-top: 0.4rem; }
        .quote-card { border: 1px solid var(--line); border-left: 4px solid var(--accent); border-radius: 8px; padding: 0.5rem 0.8rem; margin: 0.5rem 0; background: #fbfcfe; }
        .quote { margin: 0; font-size: 1rem; line-height: 1.45; white-space: pre-wrap; }
        .quote-card .quote::before { content: "“"; } .quote-card .quote::after { content: "”"; }
        .speaker { color: var(--muted); font-style: italic; }
        .source { color: var(--muted); font-size: 0.85rem; margin-top: 0.35rem; }
        .source .outlet { font-weight: 600; color: var(--ink); }
        a { color: var(--accent); }
        table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; font-size: 0.9rem; background: var(--paper); }
        caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
        th, td { border: 1px solid var(--line); padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
        th { background: #eef1f6; }
        tr.conflict td { background: var(--conflict); }
        tr.conflict td:first-child { border-left: 4px solid var(--conflict-edge); }
        .conflict-note { border-left: 4px solid var(--conflict-edge); background: var(--conflict); padding: 0.35rem 0.6rem; }
        .figure-quote { color: var(--muted); font-size: 0.8rem; margin-top: 0.2rem; }
        .qualifier, .change { color: var(--muted); }
        .digest h3 { margin: 0.4rem 0; }
        .digest-item { border-top: 1px solid var(--line); padding: 0.4rem 0; }
        .digest-item h4 { margin: 0.3rem 0; }
        .highlights { margin: 0.2rem 0; padding-left: 1.2rem; }
        .highlights li { margin: 0.3rem 0; }
        .topics .topic { display: inline-block; background: #eef1f6; border-radius: 10px; padding: 0 0.5rem; margin-right: 0.3rem; font-size: 0.8rem; }
        .article-panel { flex: 1 1 40%; position: sticky; top: 1rem; max-height: calc(100vh - 2rem); display: flex; flex-direction: column;
          background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 0.6rem 0.9rem; }
        .article-panel[hidden] { display: none; }
        .panel-head { display: flex; justify-content: space-between; align-items: center; gap: 0.5rem; }
        .panel-head h2 { font-size: 1.05rem; margin: 0; }
        .panel-head button { background: var(--paper); color: var(--ink); border-color: var(--line); padding: 0 0.6rem; }
        .meta { color: var(--muted); font-size: 0.85rem; }
        .article-text { white-space: pre-wrap; font-family: inherit; line-height: 1.45; overflow: auto; margin: 0; }
        .article-view .article-text { max-height: 24rem; }
        mark.quoted { background: var(--mark); }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
        .chart { margin: 0.6rem 0; padding: 0.4rem; border: 1px solid var(--line); border-radius: 8px; background: var(--paper); max-width: 660px; }
        .chart-svg { display: block; max-width: 100%; height: auto; font-size: 12px; }
        .chart-grid { stroke: #e6e9ef; } .chart-axis { stroke: var(--muted); }
        .chart-tick, .chart-category, .chart-axis-label { fill: var(--ink); }
        .chart-axis-label { font-weight: 600; }
        .conflict-band { fill: var(--conflict); }
        .chart-point { stroke: #ffffff; stroke-width: 1.5; }
        .chart-point.undated { fill-opacity: 0.25; stroke-width: 2; }
        .chart-point.conflict { stroke: var(--conflict-edge); stroke-width: 2.5; }
        .chart-bound, .chart-range { stroke: var(--muted); stroke-width: 2; fill: none; }
        .chart-value { fill: var(--ink); font-size: 11px; }
        .chart-link:focus-visible .chart-point { stroke: var(--ink); stroke-width: 3; }
        .series-0 { fill: #1f5fa8; color: #1f5fa8; } .series-1 { fill: #2e8540; color: #2e8540; } .series-2 { fill: #8a3ffc; color: #8a3ffc; }
        .series-3 { fill: #b8860b; color: #b8860b; } .series-4 { fill: #c0392b; color: #c0392b; } .series-5 { fill: #00798c; color: #00798c; }
        .chart-point.undated.series-0 { stroke: #1f5fa8; } .chart-point.undated.series-1 { stroke: #2e8540; } .chart-point.undated.series-2 { stroke: #8a3ffc; }
        .chart-point.undated.series-3 { stroke: #b8860b; } .chart-point.undated.series-4 { stroke: #c0392b; } .chart-point.undated.series-5 { stroke: #00798c; }
        .chart-legend { list-style: none; padding: 0; margin: 0.3rem 0; display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; font-size: 0.85rem; }
        .chart-legend li.conflict { flex-basis: 100%; border-left: 4px solid var(--conflict-edge); background: var(--conflict); padding: 0.1rem 0.4rem; }
        .chart-text { font-size: 0.85rem; color: var(--muted); }
        @media (max-width: 800px) { .layout { flex-direction: column; } .article-panel { position: static; width: 100%; } }
        """;
}
