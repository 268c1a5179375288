-- (z) GET /healthz on the real server: no handler work, so what it costs is the middleware every
-- request passes (request id, secure headers, metrics, the request log).
local common = dofile("common.lua")
setup = common.setup
done = common.done

function request()
  return wrk.format("GET", "/healthz")
end
