-- An arithmetic while-loop of n iterations.
local acc = 0
local i = 0
while i < __N__ do
  acc = (acc + i * 3) % 1000003
  i = i + 1
end
return acc
