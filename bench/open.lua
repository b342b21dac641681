-- wrk: open a different link on every request (GET /c/TOKEN answers 303
-- to /form with a visit cookie).  The third field of each visits.txt
-- line is the link's token.
local tokens = {}
for line in io.lines(os.getenv("BENCH_VISITS")) do
	local tok = line:match("%S+ %S+ (%S+)")
	tokens[#tokens + 1] = tok
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
	local t = tokens[(counter % #tokens) + 1]
	counter = counter + step
	return wrk.format("GET", "/c/" .. t)
end

-- A 303 is the right answer here, not an error.
function response(status, headers, body)
end
