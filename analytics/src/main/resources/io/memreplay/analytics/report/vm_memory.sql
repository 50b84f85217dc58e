-- One row per VM of the run given as the parameter: what the host gave it and took from it. Sizes are in
-- MB and are means over the run's intervals (entitlement = allocation target, active = ESX's sampled
-- estimate beside the exact working set ws); event counts and stall_ms are totals over the run. Runs
-- without the memory engine's figures (consumed_pages null) have no rows.
SELECT vm,
       any_value(vm_name) AS name,
       pages_to_mb(avg(entitlement_pages)) AS entitlement,
       pages_to_mb(avg(consumed_pages)) AS consumed,
       pages_to_mb(avg(working_set_pages)) AS ws,
       pages_to_mb(avg(active_estimate_pages)) AS active,
       pages_to_mb(avg(shared_saved_pages)) AS shared_saved,
       pages_to_mb(avg(ballooned_pages)) AS ballooned,
       pages_to_mb(avg(compressed_pages)) AS compressed,
       pages_to_mb(avg(swapped_pages)) AS swapped,
       sum(swap_ins) AS swap_ins,
       sum(decompressions) AS decompressions,
       sum(balloon_events) AS balloon_pops,
       sum(guest_paging_events) AS guest_page_outs,
       sum(blocked_faults) AS blocked,
       sum(stall_ns) / 1000000 AS stall_ms
FROM vm_intervals
WHERE run_id = ? AND consumed_pages IS NOT NULL
GROUP BY vm
ORDER BY vm
