-- The points of every miss-ratio curve of every complete run, for the charts: sizes in MB, window ends
-- in seconds of trace time, with the VM's name.
WITH names AS (
  SELECT DISTINCT run_id, vm, vm_name FROM vm_intervals
)
SELECT mrc.policy,
       mrc.run_id,
       mrc.vm,
       coalesce(names.vm_name, 'vm-' || mrc.vm) AS vm_name,
       mrc.window_end_ns / 1e9 AS window_end_s,
       mrc.method,
       mrc.sampling_rate,
       mrc."references",
       pages_to_mb(mrc.memory_pages) AS memory_mb,
       mrc.miss_ratio
FROM mrc
LEFT JOIN names USING (run_id, vm)
WHERE mrc.run_id IN (SELECT run_id FROM runs)
ORDER BY mrc.policy, mrc.run_id, mrc.vm, mrc.window_end_ns, mrc.memory_pages
