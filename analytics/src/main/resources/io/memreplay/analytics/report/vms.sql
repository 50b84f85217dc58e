-- One row per VM of the run given as the parameter. Sizes are in MB (ws = working set, sharing = sharing
-- potential). Columns named *_mean and *_peak are over all the run's intervals; event counts and stall_ms
-- are totals; every other column is read at the VM's last interval. Columns of mechanisms the run did
-- not simulate are NULL (the report drops them).
WITH run_rows AS (
  SELECT * FROM vm_intervals WHERE run_id = ?
),
over_intervals AS (
  SELECT vm,
         avg(working_set_pages) AS working_set_mean_pages,
         max(working_set_pages) AS working_set_peak_pages,
         avg(sharing_potential_pages) AS sharing_potential_mean_pages,
         sum(swap_ins) AS swap_ins,
         sum(decompressions) AS decompressions,
         sum(balloon_events) AS balloon_events,
         sum(guest_paging_events) AS guest_paging_events,
         sum(stall_ns) AS stall_ns
  FROM run_rows
  GROUP BY vm
),
last_interval AS (
  SELECT * FROM run_rows
  QUALIFY row_number() OVER (PARTITION BY vm ORDER BY interval_end_ns DESC) = 1
)
SELECT vm,
       last_interval.vm_name AS name,
       pages_to_mb(last_interval.configured_pages) AS configured,
       pages_to_mb(over_intervals.working_set_mean_pages) AS ws_mean,
       pages_to_mb(over_intervals.working_set_peak_pages) AS ws_peak,
       pages_to_mb(last_interval.touched_pages) AS touched,
       pages_to_mb(last_interval.zero_pages) AS zero,
       pages_to_mb(last_interval.intra_dup_pages) AS intra_dup,
       pages_to_mb(last_interval.inter_dup_pages) AS inter_dup,
       pages_to_mb(last_interval.sharing_potential_pages) AS sharing,
       pages_to_mb(over_intervals.sharing_potential_mean_pages) AS sharing_mean,
       pages_to_mb(last_interval.entitlement_pages) AS entitlement,
       pages_to_mb(last_interval.consumed_pages) AS consumed,
       pages_to_mb(last_interval.active_estimate_pages) AS active_estimate,
       pages_to_mb(last_interval.shared_saved_pages) AS shared_saved,
       pages_to_mb(last_interval.ballooned_pages) AS ballooned,
       pages_to_mb(last_interval.compressed_pages) AS compressed,
       pages_to_mb(last_interval.swapped_pages) AS swapped,
       over_intervals.swap_ins,
       over_intervals.decompressions,
       over_intervals.balloon_events,
       over_intervals.guest_paging_events,
       over_intervals.stall_ns / 1000000 AS stall_ms
FROM last_interval
JOIN over_intervals USING (vm)
ORDER BY vm
