-- wrk: the form page of every council in turn (issue 18 item 4).  Each
-- line of BENCH_COUNCIL_LIST is "HOST VISIT-COOKIE"; nginx chooses the
-- instance by the Host header of each request, kept-alive or not.
local councils = {}
for line in io.lines(os.getenv("BENCH_COUNCIL_LIST")) do
	local host, cookie = line:match("(%S+) (%S+)")
	councils[#councils + 1] = { host, cookie }
end
local counter = 0
local threads = 0

function setup(thread)
	thread:set("id", threads)
	threads = threads + 1
end

function init(args)
	counter = id
	step = tonumber(os.getenv("BENCH_THREADS") or "2")
end

function request()
	local c = councils[(counter % #councils) + 1]
	counter = counter + step
	return wrk.format("GET", "/form", { ["Host"] = c[1],
	    ["Cookie"] = "__Host-heard-visit=" .. c[2] })
end
