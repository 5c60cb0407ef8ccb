<#
  Register the kiosk to start at log-on and after a crash (Windows Task Scheduler).

  Run in PowerShell as the kiosk user, in the kiosk folder (the build copies this script there):
    powershell -ExecutionPolicy Bypass -File install.ps1 [-KioskDir C:\etown-kiosk] [-Uninstall]
  Then check: Task Scheduler > "E-Town Kiosk", or `schtasks /Query /TN "E-Town Kiosk" /V`.
#>
param(
    [string]$KioskDir = $PSScriptRoot,
    [switch]$Uninstall
)
$ErrorActionPreference = "Stop"
$TaskName = "E-Town Kiosk"

if ($Uninstall) {
    Unregister-ScheduledTask -TaskName $TaskName -Confirm:$false
    Write-Host "Removed the task '$TaskName'."
    exit 0
}

$KioskDir = (Resolve-Path $KioskDir).Path
$exe = Join-Path $KioskDir "kiosk.exe"
if (-not (Test-Path $exe)) { throw "No kiosk.exe in $KioskDir; pass -KioskDir" }

# Prove the install works before making it start on every log-on.
& (Join-Path $KioskDir "kiosk-cli.exe") self-test
if ($LASTEXITCODE -ne 0) { throw "kiosk self-test failed (above); not registering the task" }

$user = "$env:USERDOMAIN\$env:USERNAME"
$xml = Get-Content -Raw -Encoding UTF8 (Join-Path $PSScriptRoot "etown-kiosk-task.xml")
$xml = $xml.Replace("KIOSK_DIR", [Security.SecurityElement]::Escape($KioskDir))
$xml = $xml.Replace("KIOSK_USER", [Security.SecurityElement]::Escape($user))
Register-ScheduledTask -TaskName $TaskName -Xml $xml -Force | Out-Null
Write-Host "Registered '$TaskName' for $user running $exe at log-on."
Write-Host "Start it now with: Start-ScheduledTask -TaskName '$TaskName'"
