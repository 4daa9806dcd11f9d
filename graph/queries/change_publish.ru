# Publish an approved proposal in ONE transaction: replace the concepts' triples in the editorial
# graph (their version links and first validity date stay), end the previous versions, add the
# new versions, the review, the proposal's new status and the audit records.
PREFIX stg: <https://stelselgraaf.nl/def#>
DELETE { GRAPH $editorial { ?concept ?p ?o } }
WHERE {
  VALUES ?concept { $concepts }
  GRAPH $editorial { ?concept ?p ?o FILTER(?p NOT IN (stg:versie, stg:geldigVanaf)) }
} ;
DELETE { GRAPH $meta { $proposal stg:voorstelStatus ?status } }
WHERE { GRAPH $meta { $proposal stg:voorstelStatus ?status } } ;
INSERT DATA { $data }
