-- One row per VM of the run given as the parameter: its working set and what sharing could save. Sizes
-- are in MB (ws = working set, sharing = sharing potential). Columns named *_mean and *_peak are over all
-- the run's intervals; every other column is read at the VM's last interval.
WITH run_rows AS (
  SELECT * FROM vm_intervals WHERE run_id = ?
),
over_intervals AS (
  SELECT vm,
         avg(working_set_pages) AS working_set_mean_pages,
         max(working_set_pages) AS working_set_peak_pages,
         avg(sharing_potential_pages) AS sharing_potential_mean_pages
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
       pages_to_mb(over_intervals.sharing_potential_mean_pages) AS sharing_mean
FROM last_interval
JOIN over_intervals USING (vm)
ORDER BY vm
