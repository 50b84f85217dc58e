-- What does address translation cost, by translation mode and page size?
-- One row per policy and translation mode (with the host backing and guest page size its policy sets),
-- over every VM and interval of its complete runs: accesses; the share of accesses that hit the L1 and
-- the L2 TLB on 4 KB, 2 MB and 1 GB entries (percent); page walks per 1000 accesses, page-table entries
-- read per walk, walk-cache and nested-TLB hits per walk, VM exits per 1000 accesses and the cost model's
-- cycles per access. Policies that did not model translation have no rows.
WITH complete AS (
  SELECT translation.*,
         regexp_extract(runs.policy_doc, '\n  host_backing: ([^\n]+)', 1) AS host_backing,
         regexp_extract(runs.policy_doc, '\n  guest_pages: ([^\n]+)', 1) AS guest_pages
  FROM translation
  JOIN runs USING (run_id)
)
SELECT policy,
       mode,
       any_value(host_backing) AS host_backing,
       any_value(guest_pages) AS guest_pages,
       sum(accesses) AS accesses,
       round(100.0 * sum(l1_hits_4k) / nullif(sum(accesses), 0), 3) AS l1_hit_pct_4k,
       round(100.0 * sum(l1_hits_2m) / nullif(sum(accesses), 0), 3) AS l1_hit_pct_2m,
       round(100.0 * sum(l1_hits_1g) / nullif(sum(accesses), 0), 3) AS l1_hit_pct_1g,
       round(100.0 * sum(l2_hits_4k) / nullif(sum(accesses), 0), 3) AS l2_hit_pct_4k,
       round(100.0 * sum(l2_hits_2m) / nullif(sum(accesses), 0), 3) AS l2_hit_pct_2m,
       round(100.0 * sum(l2_hits_1g) / nullif(sum(accesses), 0), 3) AS l2_hit_pct_1g,
       round(1000.0 * sum(walks) / nullif(sum(accesses), 0), 3) AS walks_per_1k,
       round(sum(walk_refs) / nullif(sum(walks), 0), 3) AS refs_per_walk,
       round(sum(walk_cache_hits) / nullif(sum(walks), 0), 3) AS walk_cache_hits_per_walk,
       round(sum(nested_tlb_hits) / nullif(sum(walks), 0), 3) AS nested_tlb_hits_per_walk,
       round(1000.0 * sum(vm_exits) / nullif(sum(accesses), 0), 3) AS vm_exits_per_1k,
       round(sum(translation_cycles) / nullif(sum(accesses), 0), 3) AS cycles_per_access
FROM complete
GROUP BY policy, mode
ORDER BY policy, mode
