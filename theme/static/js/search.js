// Search page and all-products filters, on Pagefind's JavaScript API (progressive enhancement: without
// this script the search page says so and every listing stays complete and static).
//
// The form (data-search="search" | "browse") carries the bundle address and the texts in the page's
// language; its fields are the URL query (?q=&type=&stars=&group=&region=&kind=&sort=), so a filtered
// view can be shared. Results are the cards the site renders itself, stored in the index as `card` meta.

const PAGE_SIZE = 24;
const form = document.querySelector("[data-search]");
const mode = form.dataset.search;
const fieldset = form.querySelector("[data-filters]");
const status = document.querySelector("[data-search-status]");
const resultsBox = document.querySelector("[data-search-results]");
const list = resultsBox.querySelector("ul");
const more = resultsBox.querySelector("[data-search-more]");
const staticListing = document.querySelector("[data-static-listing]");
const query = form.elements.namedItem("q");
const FILTERS = ["type", "stars", "group", "region", "kind"].filter((name) => form.elements.namedItem(name));
const plural = new Intl.PluralRules(document.documentElement.lang);

let pagefind;
let shown = [];
let latest = 0;

function message(name, n) {
  const text = form.dataset[name] ?? "";
  return text.replace("{n}", n === undefined ? "" : n.toLocaleString(document.documentElement.lang));
}

function state() {
  const values = {};
  for (const name of [...FILTERS, "sort", "q"]) {
    const field = form.elements.namedItem(name);
    if (field && field.value.trim()) values[name] = field.value.trim();
  }
  return values;
}

function restore(params) {
  for (const name of [...FILTERS, "sort", "q"]) {
    const field = form.elements.namedItem(name);
    const value = params.get(name);
    if (!field || value === null) continue;
    if (field.tagName === "SELECT" && ![...field.options].some((o) => o.value === value)) continue;
    field.value = value;
  }
}

function share(values) {
  const params = new URLSearchParams(values);
  const url = location.pathname + (params.size ? `?${params}` : "") + location.hash;
  history.replaceState(null, "", url);
}

// Each choice says how many results it would give with the other filters as they are; the choices of
// a filter already in use keep only their labels. Without a search, the counts of the whole catalogue.
function updateCounts(counts, values) {
  for (const name of FILTERS) {
    const select = form.elements.namedItem(name);
    for (const option of select.options) {
      if (option.dataset.label === undefined) continue;
      option.dataset.initial ??= option.textContent;
      if (!counts) option.textContent = option.dataset.initial;
      else if (values[name]) option.textContent = option.dataset.label;
      else option.textContent = `${option.dataset.label} (${counts[name]?.[option.value] ?? 0})`;
    }
  }
}

async function showMore() {
  const ticket = latest;
  const next = shown.slice(list.children.length, list.children.length + PAGE_SIZE);
  const data = await Promise.all(next.map((result) => result.data()));
  if (ticket !== latest) return;
  const items = data.map((page) => {
    const item = document.createElement("li");
    item.innerHTML = page.meta.card; // the site's own card, rendered and escaped at build time
    return item;
  });
  list.append(...items);
  more.hidden = list.children.length >= shown.length;
}

// data-state on the form: "busy" from the first keystroke or choice until the results are shown, then
// "ready" (tests and assistive styling can wait for it).
function busy() {
  form.dataset.state = "busy";
}

function ready(ticket) {
  if (ticket === latest) form.dataset.state = "ready";
}

async function update() {
  const ticket = ++latest;
  busy();
  const values = state();
  share(values);
  const filters = {};
  for (const name of FILTERS) if (values[name]) filters[name] = values[name];
  if (mode === "browse") filters.type = "product";
  const term = mode === "search" ? values.q || null : null;
  const browsing = mode === "browse" && Object.keys(filters).length === 1 && !values.sort;
  if (browsing || (mode === "search" && term === null && !Object.keys(filters).length)) {
    // nothing asked: the static listing (browse) or a prompt (search)
    resultsBox.hidden = mode === "browse";
    if (staticListing) staticListing.hidden = false;
    list.replaceChildren();
    more.hidden = true;
    status.textContent = mode === "search" ? message("msgPrompt") : "";
    updateCounts(null, values);
    ready(ticket);
    return;
  }
  const sort = values.sort ? { [values.sort]: "asc" } : mode === "browse" ? { rank: "asc" } : undefined;
  resultsBox.style.minHeight = `${resultsBox.offsetHeight}px`; // no jump while the new cards load
  status.textContent = message("msgLoading");
  const search = await pagefind.search(term, { filters, sort });
  if (ticket !== latest || search === null) return;
  shown = search.results;
  list.replaceChildren();
  await showMore();
  if (ticket !== latest) return;
  if (staticListing) staticListing.hidden = true;
  resultsBox.hidden = false;
  resultsBox.style.minHeight = "";
  const n = shown.length;
  status.textContent = n ? message(plural.select(n) === "one" ? "msgResultsOne" : "msgResultsOther", n) : message("msgNone");
  updateCounts(search.filters, values);
  ready(ticket);
}

function debounce(fn, ms) {
  let timer;
  return () => { clearTimeout(timer); timer = setTimeout(fn, ms); };
}

async function start() {
  try {
    pagefind = await import(form.dataset.bundle);
    await pagefind.init();
  } catch (error) {
    status.textContent = message("msgUnavailable");
    return;
  }
  restore(new URLSearchParams(location.search));
  fieldset.disabled = false;
  form.addEventListener("change", update);
  if (query) {
    const later = debounce(update, 180);
    query.addEventListener("input", () => { busy(); later(); });
  }
  form.addEventListener("submit", (event) => { event.preventDefault(); update(); });
  form.addEventListener("reset", () => { busy(); setTimeout(update); });
  more.addEventListener("click", showMore);
  await update();
}

start();
