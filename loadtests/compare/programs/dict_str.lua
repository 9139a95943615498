-- Insert 1000000 string keys "k" .. i, then read each one back and sum the values.
local d = {}
for i = 0, 1000000 - 1 do
  d["k" .. i] = i
end
local total = 0
for i = 0, 1000000 - 1 do
  total = total + d["k" .. i]
end
print(string.format("%d", total))
