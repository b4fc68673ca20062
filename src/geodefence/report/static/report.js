/* geodefence review report: draws one page of documents at a time from the JSON in #report-data.
   Every piece of document text goes into the page as a text node (never as HTML). */
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("report-data").textContent);
  const docsEl = document.getElementById("docs");
  const pageSize = Number(docsEl.dataset.pageSize) || 20;
  const tip = document.getElementById("tip");
  const controls = {
    kind: document.getElementById("f-kind"),
    state: document.getElementById("f-state"),
    rule: document.getElementById("f-rule"),
    month: document.getElementById("f-month"),
    gold: document.getElementById("f-gold"),
    records: document.getElementById("f-records"),
    search: document.getElementById("f-search"),
  };
  const view = { page: 0, shown: [] };
  const searchCache = new Map();

  /* An element with attributes (null, undefined and false are left out) and children (strings become text nodes). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      node.setAttribute(name, String(value));
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  /* --- filters ------------------------------------------------------------------------------- */

  function filters() {
    return {
      kind: controls.kind.value,
      state: controls.state.value,
      rule: controls.rule.value.trim(),
      month: controls.month.value.trim(),
      gold: controls.gold ? controls.gold.value : "",
      records: controls.records.checked,
      search: controls.search.value.trim().toLowerCase(),
    };
  }

  function recordFilterOn(f) {
    return Boolean(f.kind || f.state || f.rule || f.month);
  }

  function recordMatches(r, f) {
    if (f.kind && r.kind !== f.kind) return false;
    if (f.state && !r.states.includes(f.state)) return false;
    if (f.rule && !r.rules.some((rule) => rule.startsWith(f.rule))) return false;
    if (f.month && !(r.month || "").startsWith(f.month)) return false;
    return true;
  }

  function treeText(nodes, out) {
    for (const node of nodes) {
      if (typeof node === "string") out.push(node);
      else treeText(node[1], out);
    }
    return out;
  }

  function searchText(d) {
    let text = searchCache.get(d.id);
    if (text === undefined) {
      const parts = [d.id, d.source || ""];
      if (d.tree) treeText(d.tree, parts);
      for (const r of d.records) {
        parts.push(r.id, r.rule || "", r.status || "");
        for (const field of r.fields) for (const v of field.values) parts.push(v.text);
        for (const ev of r.evidence) parts.push(ev.text);
      }
      text = parts.join("\n").toLowerCase();
      searchCache.set(d.id, text);
    }
    return text;
  }

  function docMatches(d, f) {
    if (f.records && !d.records.length) return false;
    const spurious = d.records.some((r) => r.spurious);
    if (f.gold === "miss" && !d.misses.length) return false;
    if (f.gold === "spurious" && !spurious) return false;
    if (f.gold === "errors" && !d.misses.length && !spurious) return false;
    if (recordFilterOn(f) && !d.records.some((r) => recordMatches(r, f))) return false;
    if (f.search && !searchText(d).includes(f.search)) return false;
    return true;
  }

  /* --- one document -------------------------------------------------------------------------- */

  function buildTree(nodes, d, parent) {
    for (const node of nodes) {
      if (typeof node === "string") {
        parent.appendChild(document.createTextNode(node));
        continue;
      }
      const h = d.highlights[node[0]];
      const mark = document.createElement("mark");
      mark.dataset.h = String(node[0]);
      mark.dataset.kind = h.kind;
      mark.dataset.slot = h.slot;
      if (h.rule) mark.dataset.rule = h.rule;
      if (h.record !== null) {
        const r = d.records[h.record];
        mark.dataset.record = r.id;
        mark.dataset.index = String(h.record);
        mark.className = "k-" + h.kind + (r.spurious ? " spurious" : "");
      } else {
        mark.dataset.miss = String(h.miss);
        mark.className = "miss k-" + h.kind;
      }
      buildTree(node[1], d, mark);
      parent.appendChild(mark);
    }
  }

  function value(v) {
    return el("span", { class: "val", "data-h": v.h }, v.text);
  }

  function recordCard(r, index) {
    const rows = r.fields.map((field) => el("tr", null, el("td", null, field.name), el("td", null, ...field.values.map(value))));
    rows.push(el("tr", null, el("td", null, "rule"), el("td", null, el("code", null, r.rule || "none"))));
    if (r.states.length) rows.push(el("tr", null, el("td", null, "states"), el("td", null, r.states.join(", "))));
    return el(
      "div",
      { class: "card k-" + r.kind + (r.spurious ? " spurious" : ""), "data-index": index, "data-record": r.id, "data-kind": r.kind },
      el(
        "div",
        { class: "head" },
        el("span", { class: "kind" }, r.kind),
        r.status ? el("span", { class: "status" }, r.status) : null,
        r.spurious ? el("span", { class: "flag", title: "matches no gold record" }, "spurious") : null,
        el("span", { class: "rid", title: "record id" }, r.id),
      ),
      el("table", null, el("tbody", null, ...rows)),
      el(
        "div",
        { class: "quotes" },
        ...r.evidence.map((ev) => el("span", { class: "quote", "data-h": ev.h }, el("q", null, ev.text), " ", el("code", null, ev.rule))),
      ),
      r.unplaced ? el("div", { class: "warn" }, r.unplaced + " span(s) not found at their offsets in this text") : null,
    );
  }

  function missCard(m, index) {
    return el(
      "div",
      { class: "card miss k-" + m.kind, "data-miss": index, "data-kind": m.kind },
      el("div", { class: "head" }, el("span", { class: "kind" }, m.kind), el("span", { class: "flag" }, "missed"), el("span", { class: "rid" }, m.key)),
      el("span", { class: "quote", "data-h": m.h }, el("q", null, m.evidence)),
      m.h === null ? el("div", { class: "warn" }, "quote not found in the text") : null,
    );
  }

  function sourceLink(source) {
    if (/^https?:\/\//i.test(source)) return el("a", { href: source, rel: "noopener noreferrer", target: "_blank" }, source);
    return source;
  }

  function renderDoc(d, i, f) {
    const counts = {};
    for (const r of d.records) counts[r.kind] = (counts[r.kind] || 0) + 1;
    const badges = data.kinds.filter((k) => counts[k]).map((k) => el("span", { class: "badge k-" + k }, counts[k] + " " + k));
    if (!d.records.length) badges.push(el("span", { class: "badge" }, "no records"));
    if (data.gold) {
      if (!d.scored) badges.push(el("span", { class: "badge" }, "not in the gold"));
      else {
        const spurious = d.records.filter((r) => r.spurious).length;
        badges.push(el("span", { class: "badge" + (d.misses.length ? " bad" : "") }, d.misses.length + " missed"));
        badges.push(el("span", { class: "badge" + (spurious ? " bad" : "") }, spurious + " spurious"));
      }
    }
    const meta = el("div", { class: "meta" }, d.published ? "published " + d.published : "no publication date", d.source ? " · " : null, d.source ? sourceLink(d.source) : null);
    const article = el("article", { class: "doc", "data-doc": d.id, "data-i": i }, el("header", null, el("h2", null, d.id), meta, el("div", null, ...badges)));
    if (d.error) article.append(el("div", { class: "docnote error" }, "Not processed: " + d.error));
    for (const w of d.warnings) article.append(el("div", { class: "docnote" }, "Warning: " + w));
    if (d.note) article.append(el("div", { class: "docnote" }, d.note));
    const cards = el("div", { class: "cards" }, ...d.records.map(recordCard), ...d.misses.map(missCard));
    const body = el("div", { class: "docbody" + (d.tree ? "" : " notext") });
    if (d.tree) {
      const text = el("div", { class: "text" });
      buildTree(d.tree, d, text);
      body.append(text);
    }
    body.append(cards);
    article.append(body);
    if (recordFilterOn(f)) {
      d.records.forEach((r, j) => {
        if (recordMatches(r, f)) return;
        for (const node of article.querySelectorAll('[data-index="' + j + '"]')) node.classList.add("dim");
      });
    }
    return article;
  }

  /* --- pages --------------------------------------------------------------------------------- */

  function pager() {
    const pages = Math.max(1, Math.ceil(view.shown.length / pageSize));
    const go = (page) => () => {
      view.page = page;
      draw();
      docsEl.scrollIntoView({ block: "start" });
    };
    const nav = () =>
      [
        el("button", { type: "button", disabled: view.page === 0 }, "‹ previous"),
        el("span", null, "page " + (view.page + 1) + " of " + pages + " · " + view.shown.length + " of " + data.docs.length + " documents"),
        el("button", { type: "button", disabled: view.page >= pages - 1 }, "next ›"),
      ];
    for (const holder of document.querySelectorAll(".pager")) {
      const [prev, label, next] = nav();
      prev.addEventListener("click", go(view.page - 1));
      next.addEventListener("click", go(view.page + 1));
      holder.replaceChildren(prev, label, next);
    }
  }

  function draw() {
    const f = filters();
    const pages = Math.max(1, Math.ceil(view.shown.length / pageSize));
    view.page = Math.min(Math.max(0, view.page), pages - 1);
    const start = view.page * pageSize;
    const docs = view.shown.slice(start, start + pageSize).map((i) => renderDoc(data.docs[i], i, f));
    if (!docs.length) docs.push(el("p", { class: "empty" }, "No document matches the filters."));
    docsEl.replaceChildren(...docs);
    pager();
    document.body.dataset.page = String(view.page);
  }

  function update() {
    const f = filters();
    view.shown = [];
    data.docs.forEach((d, i) => {
      if (docMatches(d, f)) view.shown.push(i);
    });
    view.page = 0;
    draw();
  }

  /* --- hover, click ---------------------------------------------------------------------------- */

  function tipLine(article, mark) {
    const d = data.docs[Number(article.dataset.i)];
    const h = d ? d.highlights[Number(mark.dataset.h)] : null;
    if (!h) return null;
    const what = h.record !== null ? [h.kind, d.records[h.record].status, h.slot] : [h.kind, "gold miss"];
    return el("div", { class: mark.className.replace(/\b(lit|dim|flash)\b/g, "") }, what.filter(Boolean).join(" · "), " ", h.rule ? el("code", null, h.rule) : null);
  }

  function clearActive() {
    for (const node of document.querySelectorAll(".lit, .card.active")) node.classList.remove("lit", "active");
    tip.hidden = true;
  }

  function onOver(event) {
    const mark = event.target.closest("mark");
    const article = event.target.closest("article.doc");
    clearActive();
    if (!mark || !article) return;
    const lines = [];
    for (let m = mark; m && m.tagName === "MARK"; m = m.parentElement) lines.push(tipLine(article, m));
    tip.replaceChildren(...lines.filter(Boolean));
    tip.hidden = false;
    moveTip(event);
    const key = mark.dataset.index !== undefined ? '[data-index="' + mark.dataset.index + '"]' : '[data-miss="' + mark.dataset.miss + '"]';
    for (const node of article.querySelectorAll("mark" + key)) node.classList.add("lit");
    const card = article.querySelector(".card" + key);
    if (card) card.classList.add("active");
  }

  function moveTip(event) {
    if (tip.hidden) return;
    const x = Math.min(event.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
    const y = event.clientY + 18 + tip.offsetHeight > window.innerHeight ? event.clientY - tip.offsetHeight - 10 : event.clientY + 18;
    tip.style.left = Math.max(4, x) + "px";
    tip.style.top = Math.max(4, y) + "px";
  }

  function flash(nodes) {
    for (const node of nodes) {
      node.classList.remove("flash");
      void node.offsetWidth;
      node.classList.add("flash");
    }
  }

  function onClick(event) {
    const article = event.target.closest("article.doc");
    if (!article) return;
    const mark = event.target.closest("mark");
    if (mark) {
      const key = mark.dataset.index !== undefined ? '[data-index="' + mark.dataset.index + '"]' : '[data-miss="' + mark.dataset.miss + '"]';
      const card = article.querySelector(".card" + key);
      for (const node of article.querySelectorAll(".card.pinned")) node.classList.remove("pinned");
      if (card) {
        card.classList.add("pinned");
        card.scrollIntoView({ block: "nearest" });
      }
      return;
    }
    const link = event.target.closest(".card [data-h]");
    if (link) {
      const fragments = article.querySelectorAll('mark[data-h="' + link.dataset.h + '"]');
      if (fragments.length) {
        fragments[0].scrollIntoView({ block: "center" });
        flash(fragments);
      }
    }
  }

  function onChart(event) {
    const bar = event.target.closest(".bar");
    if (!bar) return;
    const control = controls[bar.dataset.filter];
    if (!control) return;
    control.value = bar.dataset.value;
    update();
    document.getElementById("controls").scrollIntoView({ block: "start" });
  }

  /* --- start --------------------------------------------------------------------------------- */

  let typing = 0;
  for (const [name, control] of Object.entries(controls)) {
    if (!control) continue;
    if (name === "search" || name === "rule" || name === "month") {
      control.addEventListener("input", () => {
        clearTimeout(typing);
        typing = setTimeout(update, 200);
      });
    } else {
      control.addEventListener("change", update);
    }
  }
  document.getElementById("f-clear").addEventListener("click", () => {
    for (const control of Object.values(controls)) {
      if (!control) continue;
      if (control.type === "checkbox") control.checked = false;
      else control.value = "";
    }
    update();
  });
  docsEl.addEventListener("mouseover", onOver);
  docsEl.addEventListener("mousemove", moveTip);
  docsEl.addEventListener("mouseleave", clearActive);
  docsEl.addEventListener("click", onClick);
  document.getElementById("overview").addEventListener("click", onChart);

  window.geodefenceReport = {
    data: data,
    pageSize: pageSize,
    pages: () => Math.max(1, Math.ceil(view.shown.length / pageSize)),
    goto: (page) => {
      view.page = page;
      draw();
    },
    update: update,
  };
  update();
  document.body.dataset.ready = "1";
})();
