# Append one audit record to the private audit graph. The audit log is append-only: no update
# in this project deletes from or changes that graph. The triples are N-Triples serialised by pyoxigraph.
INSERT DATA { GRAPH $graph {
$triples
} }
