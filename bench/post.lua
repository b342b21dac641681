-- wrk: send a different consultation's form on every request.
-- Each line of visits.txt is "COOKIE CSRF" for one opened consultation.
local lines = {}
for line in io.lines(os.getenv("BENCH_VISITS")) do
	local cookie, csrf = line:match("(%S+) (%S+)")
	lines[#lines + 1] = { cookie, csrf }
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
	local v = lines[(counter % #lines) + 1]
	counter = counter + step
	return wrk.format("POST", "/form", {
		["Content-Type"] = "application/x-www-form-urlencoded",
		["Cookie"] = "__Host-heard-visit=" .. v[1],
	}, "csrf=" .. v[2] .. "&page=1&action=send&how=4&listened=yes&better=More+time")
end
