# Delete up to 50,000 quads of a hidden graph (graph.embedded drop_hidden runs it until the
# graph is empty, releasing the write lock in between: other writers wait for one chunk, not
# for the whole graph, and the transaction stays small).
DELETE { GRAPH $graph { ?s ?p ?o } }
WHERE { { SELECT ?s ?p ?o WHERE { GRAPH $graph { ?s ?p ?o } } LIMIT 50000 } }
