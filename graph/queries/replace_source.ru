# Atomically swap a staged graph into place and replace the source's metadata record.
# One update request = one transaction: readers see the old or the new source, never a mix.
PREFIX stg: <https://stelselgraaf.nl/def#>
DROP SILENT GRAPH $graph ;
MOVE SILENT GRAPH $staging TO GRAPH $graph ;
DELETE { GRAPH $meta { ?s ?p ?o } }
WHERE { GRAPH $meta { ?s ?p ?o FILTER(?s = $record || STRSTARTS(STR(?s), $recordPrefix)) } } ;
INSERT DATA { GRAPH $meta {
$metadata
} }
