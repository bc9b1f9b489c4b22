// Builds the search index at build time with Material's own search worker, so the index is
// exactly the one the browser would build: same tokenizer, separator, pipeline, fields and
// boosts, same lunr. Called by scripts/mbc/search_index.py with the worker (as patched there)
// as argument and search_index.json on stdin; writes the compact index that
// search_prebuilt.js loads (its comment describes the format) on stdout.
const fs = require("fs")
const vm = require("vm")

const context = { console, addEventListener() {}, postMessage() {} }
context.self = context
vm.createContext(context)
vm.runInContext(fs.readFileSync(process.argv[2], "utf8"), context)

const { config, docs } = JSON.parse(fs.readFileSync(0, "utf8"))
const search = new context.MaterialSearch({ config, docs, options: { suggest: false } })
const lunrIndex = search.index.toJSON()
const { fields } = lunrIndex

const refs = [], numbers = new Map()
function ref(name) {
  if (!numbers.has(name)) {
    numbers.set(name, refs.length)
    refs.push(name)
  }
  return numbers.get(name)
}
for (const doc of docs) ref(doc.location)

const postings = lunrIndex.invertedIndex.map(([, posting]) => {
  const flat = [posting._index]
  for (const field of fields) {
    const documents = Object.entries(posting[field])
    flat.push(documents.length)
    for (const [name, { position }] of documents) flat.push(ref(name), position.length, ...position)
  }
  return flat
})
const vectors = lunrIndex.fieldVectors.map(([fieldRef, vector]) => {
  const slash = fieldRef.indexOf("/")
  return [fields.indexOf(fieldRef.slice(0, slash)), ref(fieldRef.slice(slash + 1)), ...vector]
})
const table = [...search.table].map(([key, positions]) => {
  const colon = key.lastIndexOf(":")
  return [ref(key.slice(0, colon)), fields.indexOf(key.slice(colon + 1)), positions]
})

// The index's automaton of terms (minimised when built: nodes are shared), node 0 its root, each
// node as [final, its edges' characters, the node each edge leads to...], edges in lunr's order.
const nodes = [], nodeNumbers = new Map()
function node(tokenSet) {
  if (!nodeNumbers.has(tokenSet)) {
    const entry = [tokenSet.final, ""]
    nodeNumbers.set(tokenSet, nodes.push(entry) - 1)
    for (const [char, next] of Object.entries(tokenSet.edges)) {
      entry[1] += char
      entry.push(node(next))
    }
  }
  return nodeNumbers.get(tokenSet)
}
node(search.index.tokenSet)

process.stdout.write(JSON.stringify({
  version: lunrIndex.version, fields, pipeline: lunrIndex.pipeline, refs,
  terms: lunrIndex.invertedIndex.map(([term]) => term), postings, vectors, table, tokenSet: nodes,
}))
