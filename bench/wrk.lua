-- Load script for wrk, used by bin/bench (docs/benchmarks.md). Arguments after "--":
--   get                      GET the URL as it is (the /healthz floor, /observe/health)
--   execute <prefix>         POST a task workflow with a unique trace_id per request
--   replay <trace_id>        POST the same task workflow every time (an idempotent replay)
--   backlog <prefix> <n>     like execute; each thread stops after its share of n answers and
--                            marks that in $BENCH_DONE_DIR (wrk itself runs until -d or SIGINT)
-- The bearer token comes from the environment (BENCH_TOKEN), so it never shows in `ps`.
-- request() and response() are defined only in the modes that need them: wrk then sends a
-- pre-built request and skips header parsing, so the floor measures the server, not Lua.
-- done() prints one BENCH_RESULT line that bin/bench parses.

local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_no", threads)
end

local function body(trace_id)
  return string.format(
    '{"trace_id":"%s","decision":"workflow","data":{"workflow_type":"workflow",'
      .. '"payload":{"action_type":"task","user_id":"bench_user","title":"Bench %s"}}}',
    trace_id, trace_id)
end

function init(args)
  local mode, prefix = args[1] or "get", args[2] or "bench"
  local token = os.getenv("BENCH_TOKEN")
  if token and token ~= "" then
    wrk.headers["Authorization"] = "Bearer " .. token
  end
  if mode == "get" then
    return
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  if mode == "replay" then
    wrk.body = body(prefix)
    return
  end
  local sent = 0
  request = function()
    sent = sent + 1
    return wrk.format(nil, nil, nil, body(string.format("%s-%d-%d", prefix, thread_no, sent)))
  end
  if mode == "backlog" then
    local quota = math.ceil(tonumber(args[3]) / tonumber(os.getenv("BENCH_THREADS") or "1"))
    local answered = 0
    response = function()
      answered = answered + 1
      if answered == quota then
        local marker = io.open(os.getenv("BENCH_DONE_DIR") .. "/thread-" .. thread_no, "w")
        if marker then
          marker:close()
        end
        wrk.thread:stop()
      end
    end
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH_RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d"
      .. " connect_errors=%d read_errors=%d write_errors=%d non2xx=%d timeouts=%d\n",
    summary.requests, summary.duration,
    math.floor(latency:percentile(50)), math.floor(latency:percentile(99)), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
