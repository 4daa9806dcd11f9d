# Remove a source's graph and its metadata record in one transaction.
DROP SILENT GRAPH $graph ;
DELETE { GRAPH $meta { ?s ?p ?o } }
WHERE { GRAPH $meta { ?s ?p ?o FILTER(?s = $record || STRSTARTS(STR(?s), $recordPrefix)) } }
