-- The request script wrk runs for one endpoint of the benchmark (written out by src/bench/load.rs).
-- Every wrk thread has exactly one connection, so a thread's requests follow one another and it can
-- keep per-connection state: the version of the follow-up it saves.
--
-- Settings come from the environment:
--   BENCH_METHOD        GET or POST
--   BENCH_PATH          the path of a GET
--   BENCH_HEADERS       extra headers, "Name: value" separated by newlines (cookie, authorization, origin)
--   BENCH_EXPECT        the status a correct answer has (200 for pages, 303 for a saved follow-up)
--   BENCH_SAVES         for POST: "path version" per thread, separated by newlines
--   BENCH_SAVE_FORM     for POST: the form fields after the version
--
-- At the end it prints one line, "BENCH_RESULT {json}", which the driver reads.

local method = os.getenv("BENCH_METHOD") or "GET"
local path = os.getenv("BENCH_PATH") or "/"
local expect = tonumber(os.getenv("BENCH_EXPECT") or "200")
local save_form = os.getenv("BENCH_SAVE_FORM") or ""

local headers = {}
for line in string.gmatch(os.getenv("BENCH_HEADERS") or "", "[^\n]+") do
  local name, value = string.match(line, "^([^:]+):%s*(.*)$")
  if name then headers[name] = value end
end

local saves = {}
for line in string.gmatch(os.getenv("BENCH_SAVES") or "", "[^\n]+") do
  local save_path, version = string.match(line, "^(%S+) (%d+)$")
  table.insert(saves, { path = save_path, version = tonumber(version) })
end

-- Per-thread counters, read by done() through thread:get().
responses = 0
unexpected = 0
first_unexpected = ""
statements = 0
statement_responses = 0
statements_min = -1
statements_max = 0
body_bytes = 0
saved = 0
index = 0

-- Setup runs in the main state: hand each thread its index and remember it for done().
local threads = {}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("index", counter)
  table.insert(threads, thread)
end

local save_path, version, get_request

function init(args)
  if method == "POST" then
    local target = saves[index]
    if target == nil then
      error("no follow-up to save for thread " .. index)
    end
    save_path = target.path
    version = target.version
    headers["Content-Type"] = "application/x-www-form-urlencoded"
  else
    get_request = wrk.format("GET", path, headers)
  end
end

function request()
  if method == "POST" then
    return wrk.format("POST", save_path, headers, "version=" .. version .. "&" .. save_form)
  end
  return get_request
end

local function header(hs, name)
  return hs[name] or hs[string.lower(name)]
end

function response(status, hs, body)
  responses = responses + 1
  body_bytes = body_bytes + #body
  local n = tonumber(header(hs, "x-sql-statements") or "")
  if n then
    statements = statements + n
    statement_responses = statement_responses + 1
    if statements_min < 0 or n < statements_min then statements_min = n end
    if n > statements_max then statements_max = n end
  end
  local ok = status == expect
  if ok and method == "POST" then
    -- A real save answers with a redirect back to the form saying it was saved as a draft.
    local location = header(hs, "Location") or ""
    ok = string.find(location, "saved=draft", 1, true) ~= nil
    if ok then
      version = version + 1
      saved = saved + 1
    end
  end
  if not ok then
    unexpected = unexpected + 1
    if first_unexpected == "" then
      first_unexpected = status .. " " .. (header(hs, "Location") or "")
    end
  end
end

local function json_string(s)
  return '"' .. string.gsub(s, '[%c"\\]', function(c)
    return string.format("\\u%04x", string.byte(c))
  end) .. '"'
end

function done(summary, latency, requests)
  local total = { responses = 0, unexpected = 0, statements = 0, statement_responses = 0,
                  body_bytes = 0, saved = 0, statements_max = 0 }
  local statements_min = -1
  local first = ""
  for _, thread in ipairs(threads) do
    for key, _ in pairs(total) do
      if key == "statements_max" then
        total[key] = math.max(total[key], thread:get(key))
      else
        total[key] = total[key] + thread:get(key)
      end
    end
    local min = thread:get("statements_min")
    if min >= 0 and (statements_min < 0 or min < statements_min) then statements_min = min end
    if first == "" then first = thread:get("first_unexpected") end
  end
  local e = summary.errors
  local parts = {
    string.format('"requests":%d', summary.requests),
    string.format('"duration_us":%d', summary.duration),
    string.format('"bytes":%d', summary.bytes),
    string.format('"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}',
      e.connect, e.read, e.write, e.status, e.timeout),
    string.format('"latency_us":{"mean":%.1f,"max":%d,"p50":%d,"p95":%d,"p99":%d}',
      latency.mean, latency.max, latency:percentile(50), latency:percentile(95), latency:percentile(99)),
    string.format('"responses":%d', total.responses),
    string.format('"unexpected":%d', total.unexpected),
    string.format('"first_unexpected":%s', json_string(first)),
    string.format('"statements":%d', total.statements),
    string.format('"statement_responses":%d', total.statement_responses),
    string.format('"statements_min":%d', statements_min),
    string.format('"statements_max":%d', total.statements_max),
    string.format('"body_bytes":%d', total.body_bytes),
    string.format('"saved":%d', total.saved),
  }
  io.write("BENCH_RESULT {" .. table.concat(parts, ",") .. "}\n")
end
