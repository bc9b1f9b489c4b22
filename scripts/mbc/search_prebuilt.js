// Loading a search index built at build time (scripts/mbc/search_index.py) into Material's
// search worker, instead of building it in the browser at every page load. Prepended to the
// worker, whose constructor calls self.loadPrebuiltIndex when the index's config carries
// `prebuilt`; without it the worker builds the index itself, as Material does.
//
// `prebuilt` is a JSON string (cheap to parse in a page and to copy to a worker) of lunr's
// serialised index, made compact: document references and fields by number, the postings of
// each term and each field vector as flat arrays of numbers.
//   refs: ["page.html", "page.html#section", ...]    terms: ["term", ...] (lunr's sorted order)
//   postings[t]: [_index, then per field: count, then per document: ref, n, n positions]
//   vectors: [[field, ref, term index, score, term index, score, ...], ...]
//   table: [[ref, field, position table], ...]  (Material's tokenizer output, for highlighting)
self.loadPrebuiltIndex = function (config, table) {
  const index = JSON.parse(config.prebuilt)
  const { fields, refs } = index
  const invertedIndex = index.terms.map((term, t) => {
    const flat = index.postings[t], posting = { _index: flat[0] }
    let k = 1
    for (const field of fields) {
      const documents = posting[field] = {}
      for (let count = flat[k++]; count > 0; count--) {
        const ref = refs[flat[k++]], n = flat[k++]
        documents[ref] = { position: flat.slice(k, k += n) }
      }
    }
    return [term, posting]
  })
  const fieldVectors = index.vectors.map(v => [`${fields[v[0]]}/${refs[v[1]]}`, v.slice(2)])
  for (const [ref, field, positions] of index.table)
    table.set(`${refs[ref]}:${fields[field]}`, positions)
  // What Material's builder sets besides the index: the separator also splits queries
  lunr.tokenizer.separator = new RegExp(config.separator)
  return lunr.Index.load({ version: index.version, fields, pipeline: index.pipeline, invertedIndex, fieldVectors })
}
