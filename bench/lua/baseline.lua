-- (a) The fixed-JSON baseline: wrk's own static request, only the shared report.
local common = dofile("common.lua")
setup = common.setup
done = common.done
