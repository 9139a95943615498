-- String building: n appends of one digit with the language's concatenation operator.
local s = ""
for i = 0, __N__ - 1 do
  s = s .. tostring(i % 10)
end
return #s
