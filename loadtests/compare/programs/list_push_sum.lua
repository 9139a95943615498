-- Push 5*10^6 ints onto a list one at a time, then sum them (12499997500000;
-- list_push.lua is the same with for-loops).
local xs = {}
local i = 0
while i < 5000000 do
  xs[#xs + 1] = i
  i = i + 1
end
local total = 0
for _, x in ipairs(xs) do total = total + x end
print(total)
