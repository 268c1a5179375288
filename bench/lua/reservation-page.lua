-- (h) GET /r/{token}: a guest's reservation page through its private link, on tokens drawn at
-- random from a file (one a line). Counts statuses, since a wrong token is a 404 page.
local common = dofile("common.lua")
setup = common.setup
done = common.done
response = common.count
local tokens

function init(args)
  common.seed()
  tokens = common.lines(args[1])
end

function request()
  return wrk.format("GET", "/r/" .. tokens[math.random(#tokens)])
end
