-- How do the policies compare for each VM: time stalled on reclamation, and memory each mechanism took?
-- One row per VM and run, VMs first so that the policies of one VM sit together. Sizes in MB, averaged
-- over the run's intervals (a mechanism's memory is read at each interval's end): consumed = host memory
-- backing the VM; tps_saved = shared_saved_pages (memory page sharing saved, charged to the VM);
-- ballooned; compression_saved = compressed pages - compression cache frames (what compression freed);
-- swapped. stall_ms and the event counts are totals over the run. NULL: the run did not simulate it.
-- Only complete runs (with a 'runs' row) count.
SELECT vm,
       any_value(vm_name) AS vm_name,
       policy,
       run_id,
       count(*) AS intervals,
       sum(accesses) AS accesses,
       sum(stall_ns) / 1e6 AS stall_ms,
       round(sum(stall_ns) / 1e3 / nullif(sum(accesses), 0) * 1000, 3) AS stall_us_per_1k_accesses,
       round(pages_to_mb(avg(consumed_pages)), 3) AS consumed_mb,
       round(pages_to_mb(avg(shared_saved_pages)), 3) AS tps_saved_mb,
       round(pages_to_mb(avg(ballooned_pages)), 3) AS ballooned_mb,
       round(pages_to_mb(avg(compressed_pages - compression_cache_pages)), 3) AS compression_saved_mb,
       round(pages_to_mb(avg(swapped_pages)), 3) AS swapped_mb,
       sum(swap_ins) AS swap_ins,
       sum(decompressions) AS decompressions,
       sum(balloon_events) AS balloon_events,
       sum(guest_paging_events) AS guest_paging_events
FROM vm_intervals
WHERE run_id IN (SELECT run_id FROM runs)
GROUP BY vm, policy, run_id
ORDER BY vm, policy, run_id
