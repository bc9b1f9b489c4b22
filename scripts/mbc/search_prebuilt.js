// Loading a search index built at build time (scripts/mbc/search_index.py) into Material's
// search worker, instead of building it in the browser at every page load. Prepended to the
// worker, whose constructor calls self.loadPrebuiltIndex when the index's config carries
// `prebuilt`; without it the worker builds the index itself, as Material does. Also here:
// the worker skips queries that a newer one has made outdated (self.unlessOutdated).
//
// `prebuilt` is a JSON string (cheap to parse in a page and to copy to a worker) of lunr's
// serialised index, made compact: document references and fields by number, the postings of
// each term and each field vector as flat arrays of numbers.
//   refs: ["page.html", "page.html#section", ...]    terms: ["term", ...] (sorted, as lunr's)
//   postings[t]: [_index, then per field: count, then per document: ref, n, n positions]
//   vectors: [[field, ref, term index, score, term index, score, ...], ...]
//   table: [[ref, field, position table], ...]  (Material's tokenizer output, for highlighting)
//   tokenSet: [[final, "characters of its edges", node of each edge...], ...]  (node 0 the root)
// The index is made with lunr's own constructor, as lunr.Index.load would make it.
self.loadPrebuiltIndex = function (config, table) {
  const { version, fields, pipeline, refs, terms, postings, vectors, table: positions, tokenSet } = JSON.parse(config.prebuilt)
  if (version !== lunr.version)
    throw new Error(`search index prebuilt with lunr ${version}, the worker has ${lunr.version}`)
  // A term's postings become lunr's objects when a query first reaches the term: most never do
  const invertedIndex = Object.create(null)
  terms.forEach((term, t) => Object.defineProperty(invertedIndex, term, {
    configurable: true, enumerable: true, get() {
      const flat = postings[t], posting = { _index: flat[0] }
      let k = 1
      for (const field of fields) {
        const documents = posting[field] = Object.create(null)
        for (let count = flat[k++]; count > 0; count--) {
          const ref = refs[flat[k++]], n = flat[k++]
          documents[ref] = { position: flat.slice(k, k += n) }
        }
      }
      Object.defineProperty(invertedIndex, term, { enumerable: true, value: posting })
      return posting
    }
  }))
  const fieldVectors = Object.create(null)
  for (const v of vectors)
    fieldVectors[`${fields[v[0]]}/${refs[v[1]]}`] = new lunr.Vector(v.slice(2))
  for (const [ref, field, blocks] of positions)
    table.set(`${refs[ref]}:${fields[field]}`, blocks)
  const nodes = tokenSet.map(() => new lunr.TokenSet)
  tokenSet.forEach(([final, chars, ...next], i) => {
    nodes[i].final = final
    for (let c = 0; c < chars.length; c++)
      nodes[i].edges[chars[c]] = nodes[next[c]]
  })
  // What Material's builder sets besides the index: the separator also splits queries
  lunr.tokenizer.separator = new RegExp(config.separator)
  return new lunr.Index({
    invertedIndex, fieldVectors, tokenSet: nodes[0], fields, pipeline: lunr.Pipeline.load(pipeline)
  })
}

// Queries typed faster than the worker answers them (from file:// it shares the page's thread)
// are answered for the latest only: the others' results would be replaced before anyone saw them.
let latestQuery
self.unlessOutdated = message => message.type !== 2 ? message : new Promise(resolve => {
  latestQuery = message
  setTimeout(() => resolve(message === latestQuery ? message : undefined))
})
