# Remove a source's metadata record; the store hides its graph when this commits, then drops it.
DELETE { GRAPH $meta { ?s ?p ?o } }
WHERE { GRAPH $meta { ?s ?p ?o FILTER(?s = $record || STRSTARTS(STR(?s), $recordPrefix)) } }
