-- Orthanc: forward every mammogram to mvdcn as it is stored ("LuaScripts" in orthanc.json).
-- Only MG images: the node's own SR and Secondary Capture, stored back into the study, are not sent to it again.
function OnStoredInstance(instanceId, tags, metadata, origin)
  if tags['Modality'] == 'MG' and origin['RequestOrigin'] ~= 'Lua' then
    SendToModality(instanceId, 'mvdcn')
  end
end
