-- Push 5000000 ints onto a list one at a time, then sum them in a loop.
local xs = {}
for i = 0, 5000000 - 1 do
  xs[#xs + 1] = i
end
local total = 0
for _, x in ipairs(xs) do
  total = total + x
end
print(string.format("%d", total))
