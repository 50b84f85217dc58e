-- Where is each VM's memory, interval by interval?
-- One row per VM per interval of every complete run, in MB, read at the interval's end: configured,
-- entitlement (allocation target), consumed (host memory backing the VM), tps_saved (memory page sharing
-- saved), ballooned, compressed, compression_cache (frames holding the compressed pages), swapped,
-- overhead; working_set (distinct pages accessed in the interval), active_estimate (ESX's sampled
-- estimate), touched (pages seen since the start). t_s is the interval's end, trace time in seconds.
-- NULL: the run did not simulate it.
SELECT policy,
       run_id,
       vm,
       vm_name,
       interval_end_ns / 1e9 AS t_s,
       round(pages_to_mb(configured_pages), 3) AS configured_mb,
       round(pages_to_mb(entitlement_pages), 3) AS entitlement_mb,
       round(pages_to_mb(consumed_pages), 3) AS consumed_mb,
       round(pages_to_mb(shared_saved_pages), 3) AS tps_saved_mb,
       round(pages_to_mb(ballooned_pages), 3) AS ballooned_mb,
       round(pages_to_mb(compressed_pages), 3) AS compressed_mb,
       round(pages_to_mb(compression_cache_pages), 3) AS compression_cache_mb,
       round(pages_to_mb(swapped_pages), 3) AS swapped_mb,
       round(pages_to_mb(overhead_pages), 3) AS overhead_mb,
       round(pages_to_mb(working_set_pages), 3) AS working_set_mb,
       round(pages_to_mb(active_estimate_pages), 3) AS active_estimate_mb,
       round(pages_to_mb(touched_pages), 3) AS touched_mb
FROM vm_intervals
WHERE run_id IN (SELECT run_id FROM runs)
ORDER BY policy, run_id, vm, interval_end_ns
