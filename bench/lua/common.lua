-- Shared by every scenario (loaded with dofile; wrk runs with this folder as its working
-- directory): data files, per-thread status counts, and one parseable result line.
local common = {}
local threads = {}

-- Lines of a file; with `every`, only those whose 0-based index is `offset` modulo `every`,
-- so that threads split a list between them without sharing an item.
function common.lines(path, every, offset)
  local items, index = {}, 0
  for line in io.lines(path) do
    if every == nil or index % every == offset then items[#items + 1] = line end
    index = index + 1
  end
  assert(#items > 0, "no lines for this thread in " .. path)
  return items
end

function common.split(line)
  local fields = {}
  for field in string.gmatch(line, "[^\t]+") do fields[#fields + 1] = field end
  return fields
end

-- setup() runs in the main state once per thread, before the thread's init().
function common.setup(thread)
  thread:set("thread_index", #threads)
  threads[#threads + 1] = thread
end

-- In a thread: count responses by status (the writes and the pages install this hook).
status_counts = {}
function common.count(status)
  status_counts[status] = (status_counts[status] or 0) + 1
end

function common.seed()
  math.randomseed(os.time() * 1000 + thread_index)
end

-- One line the orchestrator parses: totals, latency percentiles in microseconds, statuses.
function common.done(summary, latency)
  local statuses, merged = {}, {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("status_counts") or {}) do
      merged[status] = (merged[status] or 0) + count
    end
  end
  for status, count in pairs(merged) do statuses[#statuses + 1] = string.format('"%d":%d', status, count) end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"durationUs":%d,"p50Us":%d,"p90Us":%d,"p99Us":%d,"maxUs":%d,"non2xx":%d,"socketErrors":%d,"statuses":{%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write + e.timeout, table.concat(statuses, ",")))
end

return common
