-- Address translation per policy, over every VM and interval of its complete runs: L1 and L2 TLB misses
-- per 1000 accesses (an L2 miss is a page walk), page-table entries read per walk, VM exits, and the
-- cost model's cycles per access. Policies that did not model translation have no rows.
SELECT policy,
       any_value(mode) AS mode,
       sum(accesses) AS accesses,
       round(1000.0 * (sum(accesses) - sum(l1_hits_4k + l1_hits_2m + l1_hits_1g)) / nullif(sum(accesses), 0), 2)
         AS l1_misses_per_1k,
       round(1000.0 * sum(walks) / nullif(sum(accesses), 0), 2) AS walks_per_1k,
       round(sum(walk_refs) / nullif(sum(walks), 0), 2) AS refs_per_walk,
       sum(vm_exits) AS vm_exits,
       round(sum(translation_cycles) / nullif(sum(accesses), 0), 2) AS cycles_per_access
FROM translation
WHERE run_id IN (SELECT run_id FROM runs)
GROUP BY policy
ORDER BY policy
