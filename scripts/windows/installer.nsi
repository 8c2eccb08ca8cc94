; The Windows installer of the till (issue #32), built by scripts/build_windows.sh with Debian's
; makensis:  makensis -DVERSION=0.1.0 -DSOURCE=dist/windows/cafe-loyalty -DICON=... -DOUTFILE=...
; Per machine under Program Files, Start-menu and desktop shortcuts, an uninstaller registered in
; Apps & features, silent with /S, and an upgrade over an older version that replaces the program
; and never touches the café's data (in each user's %LOCALAPPDATA%\cafe-loyalty).

Target amd64-unicode  ; a 64-bit installer: the program is 64-bit, and Wine here runs 64-bit programs
SetCompressor /SOLID lzma
RequestExecutionLevel admin
!include "MUI2.nsh"
!include "x64.nsh"

!define APP "Café Loyalty"
!define KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\CafeLoyalty"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP}"
InstallDirRegKey HKLM "${KEY}" "InstallLocation"
BrandingText "${APP} ${VERSION}"
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_FINISHPAGE_RUN "$INSTDIR\cafe-loyalty.exe"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Farsi"

Function .onInit
  SetRegView 64
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${APP} needs 64-bit Windows." /SD IDOK
    Abort
  ${EndIf}
FunctionEnd

Section "Install"
  SetShellVarContext all
  ; An older version's program files go first (a file it had and this one has not must not
  ; linger); the café's data is not here and is never touched.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\cafe-loyalty.exe"
  Delete "$INSTDIR\cafe-loyalty-cli.exe"
  SetOutPath "$INSTDIR"
  File /r "${SOURCE}/*"
  File "/oname=cafe-loyalty.ico" "${ICON}"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateDirectory "$SMPROGRAMS\${APP}"
  CreateShortcut "$SMPROGRAMS\${APP}\${APP}.lnk" "$INSTDIR\cafe-loyalty.exe" "" "$INSTDIR\cafe-loyalty.ico"
  CreateShortcut "$SMPROGRAMS\${APP}\Uninstall ${APP}.lnk" "$INSTDIR\uninstall.exe"
  CreateShortcut "$DESKTOP\${APP}.lnk" "$INSTDIR\cafe-loyalty.exe" "" "$INSTDIR\cafe-loyalty.ico"
  WriteRegStr HKLM "${KEY}" "DisplayName" "${APP}"
  WriteRegStr HKLM "${KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${KEY}" "Publisher" "cafe-loyalty"
  WriteRegStr HKLM "${KEY}" "DisplayIcon" "$INSTDIR\cafe-loyalty.ico"
  WriteRegStr HKLM "${KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${KEY}" "NoRepair" 1
SectionEnd

Function un.onInit
  SetRegView 64
FunctionEnd

Section "Uninstall"
  SetShellVarContext all
  Delete "$DESKTOP\${APP}.lnk"
  RMDir /r "$SMPROGRAMS\${APP}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\cafe-loyalty.exe"
  Delete "$INSTDIR\cafe-loyalty-cli.exe"
  Delete "$INSTDIR\cafe-loyalty.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${KEY}"
SectionEnd
