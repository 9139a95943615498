-- A while-loop of 30000000 iterations of s = s + i % 7.
local s = 0
local i = 0
while i < 30000000 do
  s = s + i % 7
  i = i + 1
end
print(string.format("%d", s))
