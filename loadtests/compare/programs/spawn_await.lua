-- Create 10^5 coroutines one after another and run each to completion (Lua's nearest
-- to spawn + await); prints 100000.
local function one() return 1 end
local total = 0
for _ = 1, 100000 do
  local _, v = coroutine.resume(coroutine.create(one))
  total = total + v
end
print(total)
