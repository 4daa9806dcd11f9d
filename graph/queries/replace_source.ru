# Publish a load by pointer: replace the source's metadata record (stg:graaf names the load's
# own graph). The graphs themselves are not touched: the store shows the new graph and hides the
# previous one when this update commits (graph.sources.commit_source).
PREFIX stg: <https://stelselgraaf.nl/def#>
DELETE { GRAPH $meta { ?s ?p ?o } }
WHERE { GRAPH $meta { ?s ?p ?o FILTER(?s = $record || STRSTARTS(STR(?s), $recordPrefix)) } } ;
INSERT DATA { GRAPH $meta {
$metadata
} }
