-- How do whole runs compare, replays of one trace with other intervals, scenarios or seeds included?
-- One row per complete run: what was replayed (trace, scenario and policy with the first 12 hex digits of
-- their digests, output interval, seed) and what came out: accesses, the host's working set (all VMs
-- together) and consumed memory averaged over the intervals, the sharing potential at the last interval
-- and TPS savings averaged, in MB; total stall time; translation cycles per access. NULL: not simulated.
WITH host_intervals_of_vms AS (
  SELECT run_id, interval_end_ns,
         sum(working_set_pages) AS working_set_pages,
         sum(consumed_pages) AS consumed_pages,
         sum(shared_saved_pages) AS shared_saved_pages,
         sum(stall_ns) AS stall_ns
  FROM vm_intervals
  GROUP BY run_id, interval_end_ns
),
per_run AS (
  SELECT run_id,
         avg(working_set_pages) AS working_set_mean,
         avg(consumed_pages) AS consumed_mean,
         avg(shared_saved_pages) AS saved_mean,
         sum(stall_ns) AS stall_ns,
         max(interval_end_ns) AS last_end_ns
  FROM host_intervals_of_vms
  GROUP BY run_id
),
sharing AS (
  SELECT run_id, sum(vm_intervals.sharing_potential_pages) AS potential
  FROM vm_intervals
  JOIN per_run USING (run_id)
  WHERE vm_intervals.interval_end_ns = per_run.last_end_ns
  GROUP BY run_id
),
translation_cost AS (
  SELECT run_id, sum(translation_cycles) / nullif(sum(accesses), 0) AS cycles_per_access
  FROM translation
  GROUP BY run_id
)
SELECT runs.policy,
       runs.run_id,
       runs.replay_id,
       runs.trace_id,
       left(replace(runs.trace_digest, 'sha256:', ''), 12) AS trace_digest,
       runs.scenario,
       left(runs.scenario_digest, 12) AS scenario_digest,
       left(runs.policy_digest, 12) AS policy_digest,
       runs.interval_ns / 1e9 AS interval_s,
       runs.seed,
       runs.accesses,
       round(pages_to_mb(per_run.working_set_mean), 3) AS host_working_set_mean_mb,
       round(pages_to_mb(per_run.consumed_mean), 3) AS consumed_mean_mb,
       round(pages_to_mb(sharing.potential), 3) AS sharing_potential_mb,
       round(pages_to_mb(per_run.saved_mean), 3) AS tps_saved_mean_mb,
       per_run.stall_ns / 1e6 AS stall_ms,
       round(translation_cost.cycles_per_access, 3) AS cycles_per_access
FROM runs
LEFT JOIN per_run USING (run_id)
LEFT JOIN sharing USING (run_id)
LEFT JOIN translation_cost USING (run_id)
ORDER BY runs.trace_id, runs.policy, runs.interval_ns, runs.run_id
