// Search page and all-products filters, on Pagefind's JavaScript API (progressive enhancement: without
// this script the search page says so and every listing stays complete and static).
//
// The form (data-search="search" | "browse") carries the bundle address and the texts in the page's
// language; its fields are the URL query (?q=&type=&stars=&group=&region=&kind=&certification=&export=&sort=),
// so a filtered view can be shared (a filter the catalogue has no choice for is not in the form). Results are the cards the site renders itself, stored in the index as `card` meta.
//
// A language's index may come in shards (plugins/ocop/search/shards.py; `shards.json` lists them). They are
// opened as one Pagefind index: the first shard's instance, with the others merged into it (`mergeIndex`),
// so the visitor downloads Pagefind's runtime and WebAssembly once, not once a shard. Each shard carries a
// synthetic `shard` filter (its number), which says how many results each shard gave and lets a search
// ask one shard. A search by relevance is one search over all of them (Pagefind orders the merged results
// by score; scores come from each shard's own statistics, so the order is close to one index's, not
// always the same); a sorted list merges the shards' own sorted lists by the sort key (also stored as
// `sort_<name>` meta).

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
const FILTERS = ["type", "stars", "group", "region", "kind", "certification", "export"]
  .filter((name) => form.elements.namedItem(name));
const plural = new Intl.PluralRules(document.documentElement.lang);

let index = null; // the language's Pagefind index, every shard merged into it
let shardCount = 0;
let shown = null;
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

// The results of one search over every shard, handed out a page at a time: the cards' data (Pagefind's
// fragments) are fetched only for the results shown. `found` is the merged search (relevance order, the
// total, the filter counts); `sorted`, for a sorted list, each shard's own search in sort order.
class Results {
  constructor(found, sorted, sortKey) {
    this.total = found.results.length;
    this.filters = found.filters;
    this.sortKey = sortKey && `sort_${sortKey}`;
    this.queues = (sorted ?? [found]).map((search) => ({ results: search.results, next: 0, loaded: [] }));
    this.given = 0;
  }

  get done() {
    return this.given >= this.total;
  }

  // Fetch the data of the next `n` results of a queue that has none waiting.
  async fill(queue, n) {
    if (queue.loaded.length || queue.next >= queue.results.length) return;
    const batch = queue.results.slice(queue.next, queue.next + n);
    queue.next += batch.length;
    queue.loaded.push(...await Promise.all(batch.map((result) => result.data())));
  }

  // The data of the next `n` results in order, one call after the other (a second click on "more"
  // waits for the first).
  take(n) {
    this.pending = (this.pending ?? Promise.resolve()).then(() => this.next(n));
    return this.pending;
  }

  // With one queue, a slice; with one queue per shard (each in sort order), a merge by sort key that
  // fetches a few results ahead in each shard.
  async next(n) {
    const taken = [];
    const ahead = Math.ceil(n / this.queues.length);
    while (taken.length < n && !this.done) {
      await Promise.all(this.queues.map((queue) => this.fill(queue, this.queues.length === 1 ? n - taken.length : ahead)));
      let first = null;
      for (const queue of this.queues) {
        if (!queue.loaded.length) continue;
        if (!first || (this.sortKey && queue.loaded[0].meta[this.sortKey] < first.loaded[0].meta[this.sortKey])) first = queue;
      }
      taken.push(first.loaded.shift());
      this.given += 1;
    }
    return taken;
  }
}

// Search every shard. Pagefind matches each word of a query as a prefix, and where its index has no
// word starting with it, it leaves the word out or matches a shorter word ("đặc" found "Đà"): a shard
// without a word would return pages that one index of the whole catalogue would not ("mè xửng" would
// list every "mè" of the shards without "xửng"). So when some shard has a word of the query exactly, a
// shard that has no word starting with it gives no results, as one index would give none of its pages.
// Returns the merged search and, for a sorted list over several shards, each shard's sorted search.
async function searchShards(term, options) {
  const words = shardCount > 1 && term ? term.replaceAll('"', " ").split(/\s+/).filter(Boolean) : [];
  const [first, ...exact] = await Promise.all([index.search(term, options), ...words.map(exactCounts)]);
  if (!first) return null;
  let found = first;
  const gave = (counts) => Object.entries(counts ?? {}).filter(([, n]) => n > 0).map(([shard]) => shard);
  const dropped = new Set();
  for (const [n, word] of words.entries()) {
    const having = gave(exact[n]);
    if (!having.length) continue;
    for (const shard of gave(found.filters.shard)) {
      if (!having.includes(shard) && !(await startsAWord(shard, word))) dropped.add(shard);
    }
  }
  const filters = { ...options.filters };
  if (dropped.size) {
    filters.shard = { none: [...dropped] };
    found = await index.search(term, { ...options, filters });
  }
  const shards = gave(found.filters.shard);
  if (!options.sort || shards.length < 2) return { found, sorted: null };
  const sorted = await Promise.all(shards.map((shard) => index.search(term, { ...options, filters: { ...filters, shard } })));
  return { found, sorted };
}

// How many pages of each shard have `word` exactly: the counts before filtering (`totalFilters`) of a
// search whose filter no page has, so that no result comes back from the worker (a common word would
// bring tens of thousands).
async function exactCounts(word) {
  const found = await index.search(`"${word}"`, { filters: { shard: "none" } });
  return found?.totalFilters?.shard ?? {};
}

// Whether the shard has a word that starts with `word` ("kho" on the way to "khoai"), not just a shorter
// one Pagefind fell back to: the words its best match marks in its excerpt.
async function startsAWord(shard, word) {
  const found = await index.search(word, { filters: { shard } });
  if (!found.results.length) return false;
  const excerpt = (await found.results[0].data()).excerpt ?? "";
  const marked = [...excerpt.matchAll(/<mark>(.*?)<\/mark>/g)].map((match) => fold(match[1]));
  return !marked.length || marked.some((w) => w.startsWith(fold(word)));
}

// Lower case without diacritics, đ as d: how Pagefind compares words.
function fold(text) {
  return text.toLocaleLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replaceAll("đ", "d");
}

async function showMore() {
  const ticket = latest;
  const results = shown;
  const data = await results.take(PAGE_SIZE);
  if (ticket !== latest || results !== shown) return;
  const items = data.map((page) => {
    const item = document.createElement("li");
    item.innerHTML = page.meta.card; // the site's own card, rendered and escaped at build time
    return item;
  });
  list.append(...items);
  more.hidden = results.done;
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
  // without words to rank by, the listings' order (stars, then name)
  const sortKey = values.sort || (term === null ? "rank" : null);
  resultsBox.style.minHeight = `${resultsBox.offsetHeight}px`; // no jump while the new cards load
  status.textContent = message("msgLoading");
  more.hidden = true;
  try {
    const searched = await searchShards(term, { filters, sort: sortKey ? { [sortKey]: "asc" } : undefined });
    if (ticket !== latest || !searched) return;
    shown = new Results(searched.found, searched.sorted, sortKey);
    list.replaceChildren();
    await showMore();
  } catch (error) { // an index file that cannot be loaded (a new deploy under an open page, a lost connection)
    if (ticket !== latest) return;
    resultsBox.style.minHeight = "";
    status.textContent = message("msgUnavailable");
    ready(ticket);
    return;
  }
  if (ticket !== latest) return;
  if (staticListing) staticListing.hidden = true;
  resultsBox.hidden = false;
  resultsBox.style.minHeight = "";
  const n = shown.total;
  status.textContent = n ? message(plural.select(n) === "one" ? "msgResultsOne" : "msgResultsOther", n) : message("msgNone");
  updateCounts(shown.filters, values);
  ready(ticket);
}

function debounce(fn, ms) {
  let timer;
  return () => { clearTimeout(timer); timer = setTimeout(fn, ms); };
}

// Open the language's index: the first shard's instance, every other shard merged into it, each with its
// number as the `shard` filter. `filters()` returns once the index is running, and loads every filter:
// Pagefind counts a search's results per value only for the filters it has loaded.
async function openIndex(options) {
  const bundle = new URL(form.dataset.bundle, location.href);
  const response = await fetch(new URL("shards.json", bundle), { cache: "no-cache" });
  const folders = (await response.json()).shards;
  if (!folders.length) throw new Error("an empty index"); // nothing to search: say so, keep the listings
  const path = (folder) => new URL(folder, bundle).pathname;
  const pagefind = await import(new URL(`${folders[0]}pagefind.js`, bundle).href);
  const opened = pagefind.createInstance({ basePath: path(folders[0]), ...options });
  await opened.options({ mergeFilter: { shard: "0" } });
  await Promise.all(folders.slice(1).map((folder, n) => opened.mergeIndex(path(folder), { mergeFilter: { shard: String(n + 1) } })));
  await opened.filters();
  shardCount = folders.length;
  return opened;
}

async function start() {
  try {
    index = await openIndex({});
  } catch (error) {
    // Pagefind searches in a web worker; one that failed to start (a busy phone, a request lost on the
    // way) leaves it nothing to answer with. Once more, on the page's own thread.
    console.warn("Search: the index did not open in a worker, trying without one:", error);
    try {
      index = await openIndex({ noWorker: true });
    } catch (again) {
      console.error("Search: the index did not load:", again);
      status.textContent = message("msgUnavailable");
      form.dataset.state = "unavailable";
      return;
    }
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
