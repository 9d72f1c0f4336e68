#Requires -Version 5.1
#Requires -RunAsAdministrator
<#
.SYNOPSIS
    Installs the First Stop kiosk on Windows and locks the machine down for it.

.DESCRIPTION
    Needs Windows 10 or 11 Enterprise, Education or IoT Enterprise (LTSC included):
    Shell Launcher and Keyboard Filter do not exist on Home or Pro. Run it from an
    elevated PowerShell, as an administrator. It:

      1. turns on the Shell Launcher and Keyboard Filter features (a restart may follow);
      2. copies the kiosk bundle to Program Files (only the files that changed);
      3. creates the kiosk account (a standard user with a random password nobody needs
         to know) and signs it in automatically at start-up;
      4. makes the kiosk the account's shell in place of Explorer (WESL_UserSetting):
         exit 0 (installer exit) and 2 (not enrolled) do nothing, so an installer can
         sign in as an administrator; any other exit (70 watchdog, 3 crash loop, a
         crash) restarts the kiosk at once. Administrators keep Explorer;
      5. blocks the break-out keys for the kiosk account with Keyboard Filter
         (administrators are not filtered);
      6. turns edge swipes off (the AllowEdgeSwipe policy).

    Run it again at any time (a newer bundle, a changed setting): what is already right
    is left alone. With -SetPin and -EnrolCode it also runs the kiosk once as the kiosk
    account to set the installer PIN and to enrol; enrolling starts the kiosk on this
    screen: check the welcome screen, then leave with the installer exit.

    ShellLauncher.xml beside this script holds the same shell settings for an MDM.

.PARAMETER BundlePath
    The kiosk bundle folder (it holds firststop-kiosk.exe).

.PARAMETER EnrolCode
    A one-time enrolment code (firststop admin enrolment-code --location CODE).

.PARAMETER Backend
    The backend's address, e.g. https://firststop.council.example

.PARAMETER KioskName
    This kiosk's name, shown to staff on the fleet board.

.PARAMETER SetPin
    Set the installer exit's PIN (asked twice, in a new window).

.EXAMPLE
    .\Install-FirstStopKiosk.ps1 -BundlePath D:\firststop-kiosk -SetPin -EnrolCode K7P2QX -Backend https://firststop.council.example
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)]
    [string] $BundlePath,

    [string] $InstallPath = (Join-Path -Path $env:ProgramFiles -ChildPath 'FirstStop\Kiosk'),

    [string] $KioskUser = 'FirstStopKiosk',

    [string] $EnrolCode = '',

    [string] $Backend = '',

    [string] $KioskName = '',

    [switch] $SetPin
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$KioskExe = 'firststop-kiosk.exe'
$Embedded = 'root\standardcimv2\embedded'
$SupportedEditions = @(
    'Enterprise', 'EnterpriseN', 'EnterpriseS', 'EnterpriseSN',
    'Education', 'EducationN', 'IoTEnterprise', 'IoTEnterpriseS'
)
# Shell Launcher's actions: 0 restart the shell, 1 restart the device, 2 shut down,
# 3 do nothing. The kiosk's exit codes that must not restart it: 0 and 2.
$ReturnCodes = [int[]] @(0, 2)
$ReturnCodeActions = [int[]] @(3, 3)
$DefaultAction = 0
# Keyboard Filter's predefined key combinations blocked for the kiosk account.
$BlockedKeys = @(
    'Ctrl+Alt+Del', 'Shift+Ctrl+Esc', 'Ctrl+Esc', 'Windows', 'Application',
    'Alt+F4', 'Alt+Tab', 'Alt+Esc', 'Alt+Space',
    'Win+L', 'Win+R', 'Win+E', 'Win+D', 'Win+M', 'Win+Tab', 'Win+X', 'Win+I',
    'Win+U', 'Win+A', 'Win+P', 'Win+F', 'Win+K', 'Win+H', 'Win+B', 'Win+Home',
    'Win+Left', 'Win+Right', 'Win+Up', 'Win+Down', 'Win+Plus', 'Win+Minus',
    'LaunchMail', 'LaunchMediaSelect', 'LaunchApp1', 'LaunchApp2',
    'BrowserBack', 'BrowserForward', 'BrowserRefresh', 'BrowserStop',
    'BrowserSearch', 'BrowserFavorites', 'BrowserHome'
)
# Combinations that are not predefined, blocked as custom keys.
$BlockedCustomKeys = @('Alt+Shift+Tab', 'Ctrl+Alt+Tab', 'Win+Ctrl+D')

function Write-Step {
    param([Parameter(Mandatory = $true)] [string] $Message)
    Write-Information -MessageData "  $Message" -InformationAction Continue
}

function Assert-SupportedEdition {
    $key = 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion'
    $edition = (Get-ItemProperty -Path $key -Name 'EditionID').EditionID
    if ($SupportedEditions -notcontains $edition) {
        throw ("This is Windows $edition. The kiosk needs Enterprise, Education or IoT " +
            'Enterprise: Shell Launcher and Keyboard Filter do not exist on Home or Pro.')
    }
}

function Enable-KioskFeature {
    $restart = $false
    foreach ($name in @('Client-EmbeddedShellLauncher', 'Client-KeyboardFilter')) {
        $feature = Get-WindowsOptionalFeature -Online -FeatureName $name
        if ($feature.State -ne 'Enabled') {
            $result = Enable-WindowsOptionalFeature -Online -FeatureName $name -All -NoRestart
            Write-Step "turned on the Windows feature $name"
            if ($result.RestartNeeded) {
                $restart = $true
            }
        }
    }
    return $restart
}

function Install-KioskBundle {
    if (-not (Test-Path -LiteralPath (Join-Path -Path $BundlePath -ChildPath $KioskExe))) {
        throw "$BundlePath is not a kiosk bundle: it has no $KioskExe."
    }
    # /MIR copies only what differs and removes files no longer in the bundle.
    $null = & robocopy.exe $BundlePath $InstallPath /MIR /R:2 /W:2 /NFL /NDL /NJH /NJS /NP
    if ($LASTEXITCODE -ge 8) {
        throw "Copying the bundle to $InstallPath failed (robocopy exit code $LASTEXITCODE)."
    }
    if ($LASTEXITCODE -ne 0) {
        Write-Step "installed the bundle in $InstallPath"
    }
    $global:LASTEXITCODE = 0
}

function New-RandomPassword {
    $bytes = New-Object -TypeName 'byte[]' -ArgumentList 24
    $generator = [System.Security.Cryptography.RandomNumberGenerator]::Create()
    $generator.GetBytes($bytes)
    $generator.Dispose()
    # Upper, lower, digit and symbol, whatever the random part holds.
    $text = [Convert]::ToBase64String($bytes) + 'Kk7!'
    return ConvertTo-SecureString -String $text -AsPlainText -Force
}

function Set-AutoLogonSecret {
    param([Parameter(Mandatory = $true)] [securestring] $Password)
    # Windows reads the automatic logon password from the LSA secret DefaultPassword,
    # never from the registry, where any user could read it.
    if (-not ('FirstStop.LsaSecret' -as [type])) {
        Add-Type -TypeDefinition @'
using System;
using System.Runtime.InteropServices;
namespace FirstStop {
    public static class LsaSecret {
        [StructLayout(LayoutKind.Sequential)]
        struct LsaString { public ushort Length; public ushort MaximumLength; public IntPtr Buffer; }
        [StructLayout(LayoutKind.Sequential)]
        struct LsaObjectAttributes {
            public int Length; public IntPtr RootDirectory; public IntPtr ObjectName;
            public uint Attributes; public IntPtr SecurityDescriptor; public IntPtr SecurityQualityOfService;
        }
        [DllImport("advapi32.dll")]
        static extern uint LsaOpenPolicy(IntPtr system, ref LsaObjectAttributes attributes, uint access, out IntPtr handle);
        [DllImport("advapi32.dll")]
        static extern uint LsaStorePrivateData(IntPtr handle, ref LsaString key, ref LsaString data);
        [DllImport("advapi32.dll")]
        static extern uint LsaClose(IntPtr handle);
        [DllImport("advapi32.dll")]
        static extern int LsaNtStatusToWinError(uint status);
        static LsaString Make(string text) {
            var value = new LsaString();
            value.Buffer = Marshal.StringToHGlobalUni(text);
            value.Length = (ushort)(text.Length * 2);
            value.MaximumLength = (ushort)(value.Length + 2);
            return value;
        }
        public static void Store(string name, string secret) {
            var attributes = new LsaObjectAttributes();
            IntPtr policy;
            uint status = LsaOpenPolicy(IntPtr.Zero, ref attributes, 0x00000020, out policy);
            if (status != 0) { throw new System.ComponentModel.Win32Exception(LsaNtStatusToWinError(status)); }
            var key = Make(name);
            var data = Make(secret);
            try {
                status = LsaStorePrivateData(policy, ref key, ref data);
                if (status != 0) { throw new System.ComponentModel.Win32Exception(LsaNtStatusToWinError(status)); }
            } finally {
                Marshal.FreeHGlobal(key.Buffer);
                Marshal.ZeroFreeGlobalAllocUnicode(data.Buffer);
                LsaClose(policy);
            }
        }
    }
}
'@
    }
    $credential = New-Object -TypeName 'System.Management.Automation.PSCredential' -ArgumentList 'kiosk', $Password
    [FirstStop.LsaSecret]::Store('DefaultPassword', $credential.GetNetworkCredential().Password)
}

function Set-RegistryValue {
    param(
        [Parameter(Mandatory = $true)] [string] $Path,
        [Parameter(Mandatory = $true)] [string] $Name,
        [Parameter(Mandatory = $true)] $Value,
        [string] $Type = 'String'
    )
    if (-not (Test-Path -LiteralPath $Path)) {
        $null = New-Item -Path $Path -Force
    }
    $current = Get-ItemProperty -LiteralPath $Path -Name $Name -ErrorAction SilentlyContinue
    if ($null -eq $current -or $current.$Name -ne $Value) {
        $null = New-ItemProperty -LiteralPath $Path -Name $Name -Value $Value -PropertyType $Type -Force
        Write-Step "set $Path\$Name"
    }
}

function Set-KioskPassword {
    param([Parameter(Mandatory = $true)] [securestring] $Password)
    Set-LocalUser -Name $KioskUser -Password $Password
    Set-AutoLogonSecret -Password $Password
}

function New-KioskAccount {
    $account = Get-LocalUser -Name $KioskUser -ErrorAction SilentlyContinue
    if ($null -eq $account) {
        $password = New-RandomPassword
        $null = New-LocalUser -Name $KioskUser -Password $password -FullName 'First Stop kiosk' `
            -Description 'Runs the First Stop kiosk as its shell' -PasswordNeverExpires `
            -UserMayNotChangePassword -AccountNeverExpires
        # The built-in Users group, by its SID (its name depends on the language).
        Add-LocalGroupMember -SID 'S-1-5-32-545' -Member $KioskUser
        Set-AutoLogonSecret -Password $password
        Write-Step "created the kiosk account $KioskUser"
    }
    $winlogon = 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon'
    Set-RegistryValue -Path $winlogon -Name 'AutoAdminLogon' -Value '1'
    Set-RegistryValue -Path $winlogon -Name 'DefaultUserName' -Value $KioskUser
    Set-RegistryValue -Path $winlogon -Name 'DefaultDomainName' -Value $env:COMPUTERNAME
    if ($null -ne (Get-ItemProperty -LiteralPath $winlogon -Name 'DefaultPassword' -ErrorAction SilentlyContinue)) {
        Remove-ItemProperty -LiteralPath $winlogon -Name 'DefaultPassword'
        Write-Step 'removed a plain-text DefaultPassword from the registry'
    }
}

function Set-KioskShell {
    $sid = (Get-LocalUser -Name $KioskUser).SID.Value
    $shell = Join-Path -Path $InstallPath -ChildPath $KioskExe
    $class = Get-CimClass -Namespace $Embedded -ClassName 'WESL_UserSetting'
    $current = Get-CimInstance -Namespace $Embedded -ClassName 'WESL_UserSetting' |
        Where-Object -FilterScript { $_.Sid -eq $sid }
    $same = $null -ne $current -and $current.Shell -eq $shell -and
        $current.DefaultAction -eq $DefaultAction -and
        (@($current.CustomReturnCodes) -join ',') -eq ($ReturnCodes -join ',') -and
        (@($current.CustomReturnCodesAction) -join ',') -eq ($ReturnCodeActions -join ',')
    if (-not $same) {
        if ($null -ne $current) {
            $null = Invoke-CimMethod -CimClass $class -MethodName 'RemoveCustomShell' -Arguments @{ Sid = $sid }
        }
        $null = Invoke-CimMethod -CimClass $class -MethodName 'SetCustomShell' -Arguments @{
            Sid                     = $sid
            Shell                   = $shell
            CustomReturnCodes       = $ReturnCodes
            CustomReturnCodesAction = $ReturnCodeActions
            DefaultAction           = $DefaultAction
        }
        Write-Step "the kiosk is the shell of $KioskUser"
    }
    $null = Invoke-CimMethod -CimClass $class -MethodName 'SetDefaultShell' -Arguments @{
        Shell         = 'explorer.exe'
        DefaultAction = 0
    }
    $enabled = Invoke-CimMethod -CimClass $class -MethodName 'IsEnabled'
    if (-not $enabled.Enabled) {
        $null = Invoke-CimMethod -CimClass $class -MethodName 'SetEnabled' -Arguments @{ Enabled = $true }
        Write-Step 'turned Shell Launcher on'
    }
}

function Set-KeyboardFilterSetting {
    param(
        [Parameter(Mandatory = $true)] [string] $Name,
        [Parameter(Mandatory = $true)] [string] $Value
    )
    $setting = Get-CimInstance -Namespace $Embedded -ClassName 'WEKF_Settings' |
        Where-Object -FilterScript { $_.Name -eq $Name }
    if ($null -ne $setting -and $setting.Value -ne $Value) {
        Set-CimInstance -InputObject $setting -Property @{ Value = $Value }
        Write-Step "Keyboard Filter: $Name = $Value"
    }
}

function Set-KeyboardFilter {
    $service = Get-Service -Name 'MsKeyboardFilter'
    if ($service.StartType -ne 'Automatic') {
        Set-Service -Name 'MsKeyboardFilter' -StartupType Automatic
    }
    if ($service.Status -ne 'Running') {
        Start-Service -Name 'MsKeyboardFilter'
    }
    # Administrators (the installer) are never filtered; the kiosk account is.
    Set-KeyboardFilterSetting -Name 'DisableKeyboardFilterForAdministrators' -Value 'true'
    $predefined = @(Get-CimInstance -Namespace $Embedded -ClassName 'WEKF_PredefinedKey')
    foreach ($id in $BlockedKeys) {
        $key = $predefined | Where-Object -FilterScript { $_.Id -eq $id }
        if ($null -eq $key) {
            Write-Warning "Keyboard Filter has no predefined key $id on this Windows version."
        }
        elseif (-not $key.Enabled) {
            Set-CimInstance -InputObject $key -Property @{ Enabled = $true }
            Write-Step "Keyboard Filter blocks $id"
        }
    }
    $custom = @(Get-CimInstance -Namespace $Embedded -ClassName 'WEKF_CustomKey')
    foreach ($id in $BlockedCustomKeys) {
        $key = $custom | Where-Object -FilterScript { $_.Id -eq $id }
        if ($null -eq $key) {
            $null = Invoke-CimMethod -Namespace $Embedded -ClassName 'WEKF_CustomKey' -MethodName 'Add' -Arguments @{ CustomKey = $id }
            Write-Step "Keyboard Filter blocks $id"
        }
        elseif (-not $key.Enabled) {
            Set-CimInstance -InputObject $key -Property @{ Enabled = $true }
            Write-Step "Keyboard Filter blocks $id"
        }
    }
}

function Disable-EdgeSwipe {
    # Group Policy "Allow edge swipe" (Windows Components > Edge UI) set to Disabled.
    $policy = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\EdgeUI'
    Set-RegistryValue -Path $policy -Name 'AllowEdgeSwipe' -Value 0 -Type 'DWord'
}

function Invoke-AsKiosk {
    param(
        [Parameter(Mandatory = $true)] [string[]] $ArgumentList,
        [switch] $ShowErrors
    )
    # A fresh random password each time: nobody ever needs to know it.
    $password = New-RandomPassword
    Set-KioskPassword -Password $password
    $credential = New-Object -TypeName 'System.Management.Automation.PSCredential' -ArgumentList $KioskUser, $password
    $start = @{
        FilePath        = Join-Path -Path $InstallPath -ChildPath $KioskExe
        ArgumentList    = $ArgumentList
        Credential      = $credential
        LoadUserProfile = $true
        Wait            = $true
        PassThru        = $true
    }
    $errors = $null
    if ($ShowErrors) {
        # The kiosk's own message (a wrong code, an address that does not answer) is shown here.
        $errors = New-TemporaryFile
        $start['RedirectStandardError'] = $errors.FullName
    }
    $process = Start-Process @start
    if ($null -ne $errors) {
        Get-Content -LiteralPath $errors.FullName | ForEach-Object -Process { Write-Warning $_ }
        Remove-Item -LiteralPath $errors.FullName
    }
    return $process.ExitCode
}

Write-Information -MessageData "Installing the First Stop kiosk in $InstallPath" -InformationAction Continue
Assert-SupportedEdition
if (Enable-KioskFeature) {
    Write-Warning 'Windows must restart to finish turning features on. Restart, then run this script again.'
    exit 3
}
Install-KioskBundle
New-KioskAccount
Set-KioskShell
Set-KeyboardFilter
Disable-EdgeSwipe

if ($SetPin) {
    $code = Invoke-AsKiosk -ArgumentList @('--set-pin')
    if ($code -ne 0) {
        throw 'The installer PIN was not set.'
    }
}
if ($EnrolCode -ne '') {
    if ($Backend -eq '') {
        throw 'To enrol, give the backend address too: -Backend https://...'
    }
    $arguments = @('--enrol', $EnrolCode, '--backend', $Backend)
    if ($KioskName -ne '') {
        $arguments += @('--name', $KioskName)
    }
    # The kiosk enrols, then starts on this screen; the installer exit ends it (code 0).
    $code = Invoke-AsKiosk -ArgumentList $arguments -ShowErrors
    if ($code -ne 0) {
        throw "Enrolment did not finish (exit code $code); the kiosk's message says why."
    }
}
Write-Information -MessageData 'Done. Restart the computer: it signs in to the kiosk by itself.' -InformationAction Continue
