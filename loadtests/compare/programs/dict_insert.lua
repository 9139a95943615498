-- Insert 10^6 string keys "k"..i into a table, then read each back and sum (499999500000).
local d = {}
local i = 0
while i < 1000000 do
  d["k" .. i] = i
  i = i + 1
end
local total = 0
i = 0
while i < 1000000 do
  total = total + d["k" .. i]
  i = i + 1
end
print(total)
