# Add a proposal's quads (its record, staging graphs, comments, reviews, audit records) in one
# transaction; the data are GRAPH blocks of N-Triples serialised by pyoxigraph.
INSERT DATA { $data }
