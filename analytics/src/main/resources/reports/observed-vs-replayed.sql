-- How close did the replay come to what the recorded host did, interval by interval?
-- One row per VM per interval of every complete run of the trace given with --trace, in MB: what the replay had
-- at the interval's end (consumed, ballooned, swapped, compressed, shared) beside what the host recorded
-- (observed_*: the VM's last sample in the interval, start included, end excluded, as the replay had applied
-- it by the interval's end; NULL when the VM has no sample there, or the host did not record the value) and the
-- error, replayed minus observed (positive: the replay had more). t_s is the interval's end, trace time in
-- seconds; sample_t_s the time of the sample compared. Observed values come with import esxtop.
WITH compared AS (
  SELECT i.policy,
         i.run_id,
         i.vm,
         i.vm_name,
         i.interval_end_ns,
         i.consumed_pages,
         i.ballooned_pages,
         i.swapped_pages,
         i.compressed_pages,
         i.shared_pages,
         d.ts_ns >= i.interval_start_ns AS in_interval,
         d.ts_ns,
         d.observed_consumed_pages,
         d.observed_ballooned_pages,
         d.observed_swapped_pages,
         d.observed_compressed_pages,
         d.observed_shared_pages
  FROM vm_intervals i
  ASOF LEFT JOIN trace_demand d ON i.vm = d.vm AND i.interval_end_ns > d.ts_ns
  WHERE i.run_id IN (SELECT run_id FROM runs WHERE trace_digest = getvariable('observed_trace_digest'))
), observed AS (
  SELECT * REPLACE (
           CASE WHEN in_interval THEN ts_ns END AS ts_ns,
           CASE WHEN in_interval THEN observed_consumed_pages END AS observed_consumed_pages,
           CASE WHEN in_interval THEN observed_ballooned_pages END AS observed_ballooned_pages,
           CASE WHEN in_interval THEN observed_swapped_pages END AS observed_swapped_pages,
           CASE WHEN in_interval THEN observed_compressed_pages END AS observed_compressed_pages,
           CASE WHEN in_interval THEN observed_shared_pages END AS observed_shared_pages)
  FROM compared
)
SELECT policy,
       run_id,
       vm,
       vm_name,
       interval_end_ns / 1e9 AS t_s,
       ts_ns / 1e9 AS sample_t_s,
       round(pages_to_mb(consumed_pages), 3) AS consumed_mb,
       round(pages_to_mb(observed_consumed_pages), 3) AS observed_consumed_mb,
       round(pages_to_mb(consumed_pages - observed_consumed_pages), 3) AS consumed_error_mb,
       round(pages_to_mb(ballooned_pages), 3) AS ballooned_mb,
       round(pages_to_mb(observed_ballooned_pages), 3) AS observed_ballooned_mb,
       round(pages_to_mb(ballooned_pages - observed_ballooned_pages), 3) AS ballooned_error_mb,
       round(pages_to_mb(swapped_pages), 3) AS swapped_mb,
       round(pages_to_mb(observed_swapped_pages), 3) AS observed_swapped_mb,
       round(pages_to_mb(swapped_pages - observed_swapped_pages), 3) AS swapped_error_mb,
       round(pages_to_mb(compressed_pages), 3) AS compressed_mb,
       round(pages_to_mb(observed_compressed_pages), 3) AS observed_compressed_mb,
       round(pages_to_mb(compressed_pages - observed_compressed_pages), 3) AS compressed_error_mb,
       round(pages_to_mb(shared_pages), 3) AS shared_mb,
       round(pages_to_mb(observed_shared_pages), 3) AS observed_shared_mb,
       round(pages_to_mb(shared_pages - observed_shared_pages), 3) AS shared_error_mb
FROM observed
ORDER BY policy, run_id, vm, interval_end_ns
