<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fa_IR">
<context>
    <name>AnswerBar</name>
    <message>
        <source>All good</source>
        <translation>همه‌چیز خوب بود</translation>
    </message>
    <message>
        <source>Not quite</source>
        <translation>نه چندان</translation>
    </message>
    <message>
        <source>Note…</source>
        <translation>یادداشت…</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>بستن</translation>
    </message>
    <message>
        <source>What did they say?</source>
        <translation>چه گفت؟</translation>
    </message>
    <message>
        <source>Save note</source>
        <translation>ذخیرهٔ یادداشت</translation>
    </message>
</context>
<context>
    <name>ArmTableModel</name>
    <message>
        <source>Regulars</source>
        <translation>مشتری‌های ثابت</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>تمام‌شده</translation>
    </message>
    <message>
        <source>Not finished</source>
        <translation>تمام‌نشده</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>در جریان</translation>
    </message>
    <message>
        <source>Rate (95% interval)</source>
        <translation>نرخ (بازهٔ ۹۵٪)</translation>
    </message>
    <message>
        <source>Median days to the reward</source>
        <translation>میانهٔ روزها تا جایزه</translation>
    </message>
    <message>
        <source>Came back within 30 days</source>
        <translation>بازگشت در ۳۰ روز</translation>
    </message>
    <message>
        <source>Of the regulars who joined at least 30 days ago, how many came again within 30 days</source>
        <translation>از مشتریانی که دست‌کم ۳۰ روز پیش آمدند، چند نفر در ۳۰ روز دوباره آمدند</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} از {1}</translation>
    </message>
</context>
<context>
    <name>BackupPassphraseDialog</name>
    <message>
        <source>Encrypt the backups</source>
        <translation>رمزگذاری پشتیبان‌ها</translation>
    </message>
    <message>
        <source>A USB stick gets lost and a synced folder lives on someone else&apos;s servers. With a passphrase, the backups written there can only be opened with it. This computer keeps it to write them; write it down somewhere safe: a restore on another computer asks for it.</source>
        <translation>فلش گم می‌شود و پوشهٔ همگام روی سرورهای دیگران است. با عبارت عبور، پشتیبان‌هایی که آنجا نوشته می‌شوند فقط با آن باز می‌شوند. این رایانه آن را برای نوشتن پشتیبان‌ها نگه می‌دارد؛ آن را جای امنی یادداشت کنید: بازگردانی در رایانهٔ دیگر آن را می‌پرسد.</translation>
    </message>
    <message>
        <source>At least 8 characters</source>
        <translation>دست‌کم ۸ نویسه</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>عبارت رمز</translation>
    </message>
    <message>
        <source>Do not encrypt</source>
        <translation>رمزگذاری نشود</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>حالا نه</translation>
    </message>
    <message>
        <source>Encrypt backups</source>
        <translation>رمزگذاری پشتیبان‌ها</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>دو عبارت رمز یکی نیستند.</translation>
    </message>
</context>
<context>
    <name>BackupTab</name>
    <message>
        <source>Optional: encrypts the backup file</source>
        <translation>اختیاری: فایل پشتیبان را رمزگذاری می‌کند</translation>
    </message>
    <message>
        <source>Repeat it when exporting</source>
        <translation>هنگام خروجی گرفتن تکرارش کنید</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>عبارت رمز</translation>
    </message>
    <message>
        <source>Export backup…</source>
        <translation>خروجی پشتیبان…</translation>
    </message>
    <message>
        <source>Verify a backup…</source>
        <translation>بررسی یک پشتیبان…</translation>
    </message>
    <message>
        <source>Restore from backup…</source>
        <translation>بازگردانی از پشتیبان…</translation>
    </message>
    <message>
        <source>Export spreadsheets…</source>
        <translation>خروجی صفحه‌گسترده…</translation>
    </message>
    <message>
        <source>Customers, cards, stamps and visits as CSV files for a spreadsheet</source>
        <translation>مشتری‌ها، کارت‌ها، مهرها و مراجعه‌ها به صورت فایل CSV برای صفحه‌گسترده</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>توقف</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>بازگردانی</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>انصراف</translation>
    </message>
    <message>
        <source>A BACKUP A DAY, OFF THIS COMPUTER</source>
        <translation>روزی یک پشتیبان، بیرون از این رایانه</translation>
    </message>
    <message>
        <source>Keep backups in…</source>
        <translation>نگه داشتن پشتیبان‌ها در…</translation>
    </message>
    <message>
        <source>A USB stick, a network folder, or a folder Google Drive, Dropbox, OneDrive or Syncthing mirrors</source>
        <translation>یک فلش، پوشه‌ای در شبکه، یا پوشه‌ای که گوگل‌درایو، دراپ‌باکس، وان‌درایو یا سینک‌تینگ همگام نگه می‌دارد</translation>
    </message>
    <message>
        <source>Back up there now</source>
        <translation>همین حالا آنجا پشتیبان بگیر</translation>
    </message>
    <message>
        <source>Passphrase…</source>
        <translation>عبارت عبور…</translation>
    </message>
    <message>
        <source>Encrypt the backups written to the folder</source>
        <translation>پشتیبان‌هایی که در پوشه نوشته می‌شوند رمزگذاری شوند</translation>
    </message>
    <message>
        <source>DAILY SNAPSHOTS (kept automatically, newest first)</source>
        <translation>نسخه‌های خودکار روزانه (تازه‌ترین اول)</translation>
    </message>
    <message>
        <source>Go back to this snapshot…</source>
        <translation>بازگشت به این نسخه…</translation>
    </message>
    <message>
        <source>Choose a folder on a USB stick, a network share or a synced folder: the till then writes a verified backup there every day, when it closes or when it is idle, and keeps 7 daily, 4 weekly and 12 monthly ones.</source>
        <translation>پوشه‌ای روی فلش، در شبکه یا پوشه‌ای همگام‌شده انتخاب کنید: صندوق هر روز، هنگام بسته شدن یا وقتی بیکار است، یک پشتیبانِ بررسی‌شده آنجا می‌نویسد و ۷ پشتیبان روزانه، ۴ هفتگی و ۱۲ ماهانه نگه می‌دارد.</translation>
    </message>
    <message>
        <source>Backups go to {0}.</source>
        <translation>پشتیبان‌ها به {0} می‌روند.</translation>
    </message>
    <message>
        <source>Last one {0} (verified).</source>
        <translation>آخرین آن‌ها {0} (بررسی‌شده).</translation>
    </message>
    <message>
        <source>None written there yet.</source>
        <translation>هنوز پشتیبانی آنجا نوشته نشده.</translation>
    </message>
    <message>
        <source>Encrypted with the passphrase this computer keeps.</source>
        <translation>با عبارت عبوری که این رایانه نگه می‌دارد رمزگذاری می‌شود.</translation>
    </message>
    <message>
        <source>Encrypted, but this computer does not hold the passphrase: type it again.</source>
        <translation>رمزگذاری‌شده، ولی این رایانه عبارت عبور را ندارد: دوباره واردش کنید.</translation>
    </message>
    <message>
        <source>Not encrypted.</source>
        <translation>رمزگذاری نمی‌شود.</translation>
    </message>
    <message>
        <source>Failing since {0}: {1}</source>
        <translation>از {0} ناموفق: {1}</translation>
    </message>
    <message>
        <source>Keep backups in</source>
        <translation>نگه داشتن پشتیبان‌ها در</translation>
    </message>
    <message>
        <source>Backups will be kept there.</source>
        <translation>پشتیبان‌ها آنجا نگه داشته می‌شوند.</translation>
    </message>
    <message>
        <source>The backups will be encrypted with that passphrase. Keep it somewhere safe.</source>
        <translation>پشتیبان‌ها با همین عبارت عبور رمزگذاری می‌شوند. آن را جای امنی نگه دارید.</translation>
    </message>
    <message>
        <source>The backups will no longer be encrypted.</source>
        <translation>پشتیبان‌ها دیگر رمزگذاری نمی‌شوند.</translation>
    </message>
    <message>
        <source>Written and verified: {0}</source>
        <translation>نوشته و بررسی شد: {0}</translation>
    </message>
    <message>
        <source>No backup has been exported yet.</source>
        <translation>هنوز هیچ پشتیبانی گرفته نشده است.</translation>
    </message>
    <message numerus="yes">
        <source>Last backup: %n day(s) ago.</source>
        <translation>
            <numerusform>آخرین پشتیبان: %Ln روز پیش.</numerusform>
        </translation>
    </message>
    <message>
        <source>Time for this month&apos;s backup: export one and keep it off this computer.</source>
        <translation>وقت پشتیبان این ماه است: یکی بگیرید و جایی غیر از این رایانه نگه دارید.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>دو عبارت رمز یکی نیستند.</translation>
    </message>
    <message>
        <source>Export backup</source>
        <translation>خروجی پشتیبان</translation>
    </message>
    <message>
        <source>Backup saved to {0} ({1}). Keep a copy away from the café. Spreadsheets of the same data are a separate export, below.</source>
        <translation>پشتیبان در {0} ذخیره شد ({1}). یک نسخه را بیرون از کافه نگه دارید. صفحه‌گستردهٔ همین داده‌ها خروجی جداگانه‌ای است، در پایین.</translation>
    </message>
    <message>
        <source>Export spreadsheets into</source>
        <translation>خروجی صفحه‌گسترده در</translation>
    </message>
    <message>
        <source>{0}: {1} rows</source>
        <translation>{0}: {1} ردیف</translation>
    </message>
    <message>
        <source>Spreadsheets saved in {0} ({1}).</source>
        <translation>صفحه‌گسترده‌ها در {0} ذخیره شدند ({1}).</translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation>انتخاب پشتیبان</translation>
    </message>
    <message>
        <source>Café backups (*{0})</source>
        <translation>پشتیبان‌های کافه (*{0})</translation>
    </message>
    <message>
        <source>This backup is good. Made {0}: {1}. Integrity: {2}.</source>
        <translation>این پشتیبان سالم است. ساخته‌شده در {0}: {1}. درستی: {2}.</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>سالم</translation>
    </message>
    <message>
        <source>Choose a snapshot first.</source>
        <translation>اول یک نسخه را انتخاب کنید.</translation>
    </message>
    <message>
        <source>the backup of {0} ({1})</source>
        <translation>پشتیبان {0} ({1})</translation>
    </message>
    <message>
        <source>the snapshot of {0}</source>
        <translation>نسخهٔ خودکار {0}</translation>
    </message>
    <message>
        <source>Replace the current database ({0}) with {1}? A safety copy of today&apos;s data is kept.</source>
        <translation>پایگاه دادهٔ کنونی ({0}) با {1} جایگزین شود؟ یک نسخهٔ ایمنی از داده‌های امروز نگه داشته می‌شود.</translation>
    </message>
    <message>
        <source>Restored. Today&apos;s data before the restore was saved as {0}.</source>
        <translation>بازگردانی شد. داده‌های امروز پیش از بازگردانی در {0} ذخیره شد.</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) forgotten since then were forgotten again.</source>
        <translation>
            <numerusform>%Ln مشتری که از آن زمان فراموش شده بودند، دوباره فراموش شدند.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BatchPrintDialog</name>
    <message>
        <source>Print cards for new regulars</source>
        <translation>چاپ کارت برای مشتری‌های ثابت تازه</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>چاپ…</translation>
    </message>
    <message>
        <source>Added since</source>
        <translation>افزوده‌شده از</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>ذخیرهٔ PDF…</translation>
    </message>
    <message numerus="yes">
        <source>%n card(s)</source>
        <translation>
            <numerusform>%Ln کارت</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n A4 sheet(s)</source>
        <translation>
            <numerusform>%Ln برگ A4</numerusform>
        </translation>
    </message>
    <message>
        <source>Save cards</source>
        <translation>ذخیرهٔ کارت‌ها</translation>
    </message>
    <message>
        <source>Saved to {0}</source>
        <translation>در {0} ذخیره شد</translation>
    </message>
</context>
<context>
    <name>BranchListModel</name>
    <message>
        <source>this till</source>
        <translation>این صندوق</translation>
    </message>
    <message>
        <source>since {0}</source>
        <translation>از {0}</translation>
    </message>
</context>
<context>
    <name>BranchesTab</name>
    <message>
        <source>A chain&apos;s regulars and their cards are shared: a card stamped in one branch shows the same progress in every other. Each till records where it stands.</source>
        <translation>مشتری‌های ثابت یک زنجیره و کارت‌هایشان مشترک‌اند: کارتی که در یک شعبه مهر بخورد، در همهٔ شعبه‌های دیگر همان پیشرفت را نشان می‌دهد. هر صندوق ثبت می‌کند کجاست.</translation>
    </message>
    <message>
        <source>e.g. Riverside</source>
        <translation>مثلاً شعبهٔ ونک</translation>
    </message>
    <message>
        <source>Branch name</source>
        <translation>نام شعبه</translation>
    </message>
    <message>
        <source>This till is at</source>
        <translation>این صندوق در</translation>
    </message>
    <message>
        <source>Rename selected</source>
        <translation>تغییر نام انتخاب‌شده</translation>
    </message>
    <message>
        <source>Stand this till here</source>
        <translation>این صندوق در این شعبه است</translation>
    </message>
    <message>
        <source>Add branch</source>
        <translation>افزودن شعبه</translation>
    </message>
    <message>
        <source>{0} added.</source>
        <translation>{0} افزوده شد.</translation>
    </message>
    <message>
        <source>Choose a branch in the list first.</source>
        <translation>اول یک شعبه را در فهرست انتخاب کنید.</translation>
    </message>
    <message>
        <source>{0} is now called {1}.</source>
        <translation>نام {0} اکنون {1} است.</translation>
    </message>
    <message>
        <source>This till is now at {0}.</source>
        <translation>این صندوق اکنون در {0} است.</translation>
    </message>
</context>
<context>
    <name>CafeError</name>
    <message>
        <source>{file} is inconsistent: its manifest does not describe its database.</source>
        <translation>{file} ناسازگار است: فهرستش با پایگاه داده‌اش نمی‌خواند.</translation>
    </message>
    <message>
        <source>{file} is damaged: the checksum of {name} does not match.</source>
        <translation>{file} آسیب دیده است: کد بررسی {name} نمی‌خواند.</translation>
    </message>
    <message>
        <source>{source} fails its integrity check: {problem}.</source>
        <translation>{source} از بررسی درستی رد نشد: {problem}.</translation>
    </message>
    <message>
        <source>{source} comes from a newer version of cafe-loyalty (schema {schema}; this version knows {known}). Update the app to restore it.</source>
        <translation>{source} از نسخهٔ تازه‌تری از برنامه است (طرح {schema}؛ این نسخه تا {known} را می‌شناسد). برای بازگردانی، برنامه را به‌روز کنید.</translation>
    </message>
    <message>
        <source>Could not copy the database: {reason}.</source>
        <translation>رونوشت پایگاه داده گرفته نشد: {reason}.</translation>
    </message>
    <message>
        <source>Cannot write to {folder}: {reason}.</source>
        <translation>در {folder} نمی‌توان نوشت: {reason}.</translation>
    </message>
    <message>
        <source>Cannot read {file}: {reason}.</source>
        <translation>{file} خوانده نمی‌شود: {reason}.</translation>
    </message>
    <message>
        <source>{file} is not a cafe-loyalty backup, or it is damaged (not a readable zip).</source>
        <translation>{file} پشتیبان این برنامه نیست یا آسیب دیده است (فایل zip خوانا نیست).</translation>
    </message>
    <message>
        <source>{file} is not a cafe-loyalty backup.</source>
        <translation>{file} پشتیبان این برنامه نیست.</translation>
    </message>
    <message>
        <source>This backup was made by a newer version of cafe-loyalty. Update the app first.</source>
        <translation>این پشتیبان با نسخهٔ تازه‌تری از برنامه ساخته شده است. اول برنامه را به‌روز کنید.</translation>
    </message>
    <message>
        <source>{file} is damaged: it lists no database.</source>
        <translation>{file} آسیب دیده است: پایگاه داده‌ای در آن نیست.</translation>
    </message>
    <message>
        <source>{file} is damaged: {name} is missing.</source>
        <translation>{file} آسیب دیده است: {name} در آن نیست.</translation>
    </message>
    <message>
        <source>{file} is damaged: {name} cannot be read ({reason}).</source>
        <translation>{file} آسیب دیده است: {name} خوانده نمی‌شود ({reason}).</translation>
    </message>
    <message>
        <source>{source} is damaged ({reason}).</source>
        <translation>{source} آسیب دیده است ({reason}).</translation>
    </message>
    <message>
        <source>The backup&apos;s page size ({src_page}) differs from this database&apos;s ({dst_page}).</source>
        <translation>اندازهٔ صفحهٔ پشتیبان ({src_page}) با این پایگاه داده ({dst_page}) فرق دارد.</translation>
    </message>
    <message>
        <source>The restore could not be written; the database is unchanged ({reason}).</source>
        <translation>بازگردانی نوشته نشد؛ پایگاه داده دست‌نخورده است ({reason}).</translation>
    </message>
    <message>
        <source>Could not read the database copy: {reason}.</source>
        <translation>رونوشت پایگاه داده خوانده نشد: {reason}.</translation>
    </message>
    <message>
        <source>Could not write the backup to {folder}: {reason}. Nothing was saved there.</source>
        <translation>پشتیبان در {folder} نوشته نشد: {reason}. چیزی آنجا ذخیره نشد.</translation>
    </message>
    <message>
        <source>{file} is not a cafe-loyalty backup (it has no manifest).</source>
        <translation>{file} پشتیبان این برنامه نیست (فهرست ندارد).</translation>
    </message>
    <message>
        <source>This café is already set up (as {name}). Only the owner, with the owner&apos;s PIN, can change its name or staff.</source>
        <translation>این کافه قبلاً راه‌اندازی شده است (با نام {name}). فقط مدیر، با رمز مدیر، می‌تواند نام یا کارکنان آن را تغییر دهد.</translation>
    </message>
    <message>
        <source>{file} holds an unexpected file name {name!r}; refusing it.</source>
        <translation>در {file} نام فایل ناآشنای {name!r} هست؛ پذیرفته نمی‌شود.</translation>
    </message>
    <message>
        <source>A birthday&apos;s calendar is gregorian or jalali, not {calendar!r}.</source>
        <translation>تقویم تولد میلادی یا شمسی است، نه {calendar!r}.</translation>
    </message>
    <message>
        <source>A birthday needs both a month and a day (the year is optional).</source>
        <translation>تولد هم ماه می‌خواهد هم روز (سال اختیاری است).</translation>
    </message>
    <message>
        <source>The birthday month must be 1 to 12.</source>
        <translation>ماه تولد باید از ۱ تا ۱۲ باشد.</translation>
    </message>
    <message>
        <source>The birth year must be between {first} and {last}.</source>
        <translation>سال تولد باید بین {first} و {last} باشد.</translation>
    </message>
    <message>
        <source>There is no day {day} in month {month}.</source>
        <translation>ماه {month} روز {day} ندارد.</translation>
    </message>
    <message>
        <source>The birthday is in the future.</source>
        <translation>این تاریخ تولد در آینده است.</translation>
    </message>
    <message>
        <source>There is no day {day} in month {month} of {year}.</source>
        <translation>ماه {month} سال {year} روز {day} ندارد.</translation>
    </message>
    <message>
        <source>That is not a card code (far too long).</source>
        <translation>این کد کارت نیست (خیلی بلند است).</translation>
    </message>
    <message>
        <source>That is not a card code (it contains control characters).</source>
        <translation>این کد کارت نیست (نویسه‌های کنترلی دارد).</translation>
    </message>
    <message>
        <source>That is not a card code. Card codes look like K7QM-4T2X-9RBD-CW3F.</source>
        <translation>این کد کارت نیست. کد کارت این شکلی است: K7QM-4T2X-9RBD-CW3F.</translation>
    </message>
    <message>
        <source>That card code does not check out: a character is wrong or missing.</source>
        <translation>این کد کارت درست نیست: یک نویسه اشتباه است یا جا افتاده.</translation>
    </message>
    <message>
        <source>That QR code is a web address, not one of this café&apos;s cards.</source>
        <translation>این کد QR یک نشانی وب است، نه کارت این کافه.</translation>
    </message>
    <message>
        <source>That QR code belongs to another website, not this café&apos;s cards.</source>
        <translation>این کد QR مال وبگاه دیگری است، نه کارت‌های این کافه.</translation>
    </message>
    <message>
        <source>That QR code&apos;s address does not match this café&apos;s card address.</source>
        <translation>نشانی این کد QR با نشانی کارت‌های این کافه نمی‌خواند.</translation>
    </message>
    <message>
        <source>The card URL template must contain {code}.</source>
        <translation>الگوی نشانی کارت باید {code} داشته باشد.</translation>
    </message>
    <message>
        <source>Enter the backup&apos;s passphrase.</source>
        <translation>عبارت رمز پشتیبان را وارد کنید.</translation>
    </message>
    <message>
        <source>This is not an encrypted cafe-loyalty backup.</source>
        <translation>این پشتیبان رمزگذاری‌شدهٔ این برنامه نیست.</translation>
    </message>
    <message>
        <source>The backup asks for unreasonable key-derivation costs; refusing it.</source>
        <translation>پشتیبان هزینهٔ نامعقولی برای ساخت کلید می‌خواهد؛ پذیرفته نمی‌شود.</translation>
    </message>
    <message>
        <source>The encrypted backup has extra data after its end; it was altered.</source>
        <translation>پشتیبان رمزگذاری‌شده پس از پایانش دادهٔ اضافه دارد؛ دست‌کاری شده است.</translation>
    </message>
    <message>
        <source>The backup&apos;s encryption header is damaged.</source>
        <translation>سرآیند رمزگذاری پشتیبان آسیب دیده است.</translation>
    </message>
    <message>
        <source>The encrypted backup is cut short: it is incomplete.</source>
        <translation>پشتیبان رمزگذاری‌شده ناقص است: نیمه‌کاره مانده.</translation>
    </message>
    <message>
        <source>The encrypted backup is damaged (a chunk does not check out).</source>
        <translation>پشتیبان رمزگذاری‌شده آسیب دیده است (بخشی از آن درست نیست).</translation>
    </message>
    <message>
        <source>The database reported an error; nothing was saved ({reason}).</source>
        <translation>پایگاه داده خطا داد؛ چیزی ذخیره نشد ({reason}).</translation>
    </message>
    <message>
        <source>The disk is full, so nothing was saved. Free some space and try again.</source>
        <translation>دیسک پر است، پس چیزی ذخیره نشد. کمی جا باز کنید و دوباره امتحان کنید.</translation>
    </message>
    <message>
        <source>The database file is read-only, so nothing was saved.</source>
        <translation>فایل پایگاه داده فقط‌خواندنی است، پس چیزی ذخیره نشد.</translation>
    </message>
    <message>
        <source>The database is busy in another program; nothing was saved. Try again.</source>
        <translation>پایگاه داده دست برنامهٔ دیگری است؛ چیزی ذخیره نشد. دوباره امتحان کنید.</translation>
    </message>
    <message>
        <source>The database file cannot be opened (check the folder exists and is writable).</source>
        <translation>فایل پایگاه داده باز نمی‌شود (ببینید پوشه هست و می‌شود در آن نوشت).</translation>
    </message>
    <message>
        <source>Cannot create the folder for the database {file}: {reason}.</source>
        <translation>پوشهٔ پایگاه داده {file} ساخته نشد: {reason}.</translation>
    </message>
    <message>
        <source>cafe-loyalty is already open on this database (perhaps in another window). Close the other copy first.</source>
        <translation>برنامه همین حالا روی این پایگاه داده باز است (شاید در پنجرهٔ دیگری). اول آن یکی را ببندید.</translation>
    </message>
    <message>
        <source>This database was written by a newer version of cafe-loyalty (schema {schema}; this version knows {known}). Update the app to open it.</source>
        <translation>این پایگاه داده با نسخهٔ تازه‌تری از برنامه نوشته شده است (طرح {schema}؛ این نسخه تا {known} را می‌شناسد). برای باز کردنش برنامه را به‌روز کنید.</translation>
    </message>
    <message>
        <source>This file is a database, but not a cafe-loyalty one. Choose another file.</source>
        <translation>این فایل پایگاه داده است، ولی نه مال این برنامه. فایل دیگری انتخاب کنید.</translation>
    </message>
    <message>
        <source>A sheet holds at most {most} cards.</source>
        <translation>هر برگ حداکثر {most} کارت جا دارد.</translation>
    </message>
    <message>
        <source>There are no cards to print.</source>
        <translation>کارتی برای چاپ نیست.</translation>
    </message>
    <message>
        <source>The logo image {file} cannot be read: {reason}.</source>
        <translation>تصویر نشان {file} خوانده نمی‌شود: {reason}.</translation>
    </message>
    <message>
        <source>Could not save {file}: {reason}. Nothing was written.</source>
        <translation>{file} ذخیره نشد: {reason}. چیزی نوشته نشد.</translation>
    </message>
    <message>
        <source>The language is one of: {choices}.</source>
        <translation>زبان یکی از این‌هاست: {choices}.</translation>
    </message>
    <message>
        <source>{file} is damaged: its manifest {problem}.</source>
        <translation>{file} آسیب دیده است: فهرست محتوای آن {problem}.</translation>
    </message>
    <message>
        <source>{file} is damaged: {name} has the wrong size.</source>
        <translation>{file} آسیب دیده است: اندازهٔ {name} درست نیست.</translation>
    </message>
    <message>
        <source>{source} is not a cafe-loyalty database: {problem}.</source>
        <translation>{source} پایگاه دادهٔ این برنامه نیست: {problem}.</translation>
    </message>
    <message>
        <source>The database file is damaged. Restore it from a backup.</source>
        <translation>پروندهٔ پایگاه داده آسیب دیده است. آن را از یک پشتیبان بازگردانید.</translation>
    </message>
    <message>
        <source>The database file {file} is empty (0 bytes). If your café&apos;s data should be there, restore a snapshot or backup; for a new café, delete the empty file or choose another one.</source>
        <translation>پروندهٔ پایگاه دادهٔ {file} خالی است (۰ بایت). اگر داده‌های کافه باید آنجا باشد، یک نسخهٔ خودکار یا پشتیبان را بازگردانید؛ برای کافهٔ تازه، پروندهٔ خالی را پاک کنید یا پروندهٔ دیگری برگزینید.</translation>
    </message>
    <message>
        <source>The folder {folder} cannot be written ({reason}), so the till cannot keep its data there. Choose a writable folder with --db.</source>
        <translation>در پوشهٔ {folder} نمی‌توان نوشت ({reason})، پس صندوق نمی‌تواند داده‌هایش را آنجا نگه دارد. با ‎--db پوشه‌ای برگزینید که بتوان در آن نوشت.</translation>
    </message>
    <message>
        <source>{file} exists and is not an ordinary file (a folder, device or link); choose another name.</source>
        <translation>{file} وجود دارد و پروندهٔ معمولی نیست (پوشه، دستگاه یا پیوند است)؛ نام دیگری برگزینید.</translation>
    </message>
    <message>
        <source>Cannot use {file}: {reason}.</source>
        <translation>نمی‌توان از {file} استفاده کرد: {reason}.</translation>
    </message>
    <message>
        <source>The file name is too long: {name}…</source>
        <translation>نام پرونده بیش از اندازه بلند است: {name}…</translation>
    </message>
    <message>
        <source>{what} must be a whole number from 1, not {value}.</source>
        <translation>{what} باید عددی درست از ۱ به بالا باشد، نه {value}.</translation>
    </message>
    <message>
        <source>{what} must be a whole number from 1, not {value!r}.</source>
        <translation>{what} باید عددی درست از ۱ به بالا باشد، نه {value!r}.</translation>
    </message>
    <message>
        <source>The phone page cannot listen on {host} port {port}: {reason}. Pick another address or port in Owner ▸ Customer side.</source>
        <translation>صفحهٔ گوشی نمی‌تواند روی {host} درگاه {port} کار کند: {reason}. در مدیر ▸ سمت مشتری نشانی یا درگاه دیگری انتخاب کنید.</translation>
    </message>
    <message>
        <source>The upgraded backup is not as expected ({problem}); nothing was restored.</source>
        <translation>پشتیبانِ به‌روزشده آن‌طور که باید نیست ({problem})؛ چیزی بازگردانده نشد.</translation>
    </message>
    <message>
        <source>Could not put the snapshot in place: {reason}.</source>
        <translation>نسخهٔ خودکار سر جایش گذاشته نشد: {reason}.</translation>
    </message>
    <message>
        <source>Cannot prepare the restore in {folder}: {reason}. Nothing was restored.</source>
        <translation>بازگردانی در {folder} آماده نشد: {reason}. چیزی بازگردانده نشد.</translation>
    </message>
    <message>
        <source>Could not prepare the restore: {reason}. Nothing was restored.</source>
        <translation>بازگردانی آماده نشد: {reason}. چیزی بازگردانده نشد.</translation>
    </message>
    <message>
        <source>Cannot create {folder}: {reason}. Nothing was restored.</source>
        <translation>{folder} ساخته نشد: {reason}. چیزی بازگردانده نشد.</translation>
    </message>
    <message>
        <source>Cannot create {folder}: {reason}.</source>
        <translation>{folder} ساخته نشد: {reason}.</translation>
    </message>
    <message>
        <source>No regulars to print cards for.</source>
        <translation>مشتری‌ای برای چاپ کارت نیست.</translation>
    </message>
    <message>
        <source>Unknown field(s): {fields}.</source>
        <translation>فیلد ناشناخته: {fields}.</translation>
    </message>
    <message>
        <source>&apos;Referred by&apos;: there is no customer with id {referrer}.</source>
        <translation>«معرفی‌شده از طرف»: مشتری‌ای با شناسهٔ {referrer} نیست.</translation>
    </message>
    <message>
        <source>&apos;Referred by&apos; must be a customer id.</source>
        <translation>«معرفی‌شده از طرف» باید شناسهٔ یک مشتری باشد.</translation>
    </message>
    <message>
        <source>There is no customer with id {customer_id}.</source>
        <translation>مشتری‌ای با شناسهٔ {customer_id} نیست.</translation>
    </message>
    <message>
        <source>No regular has this card. It may belong to another café.</source>
        <translation>این کارت مال هیچ مشتری‌ای نیست. شاید مال کافهٔ دیگری باشد.</translation>
    </message>
    <message>
        <source>Could not read the database: {reason}.</source>
        <translation>پایگاه داده خوانده نشد: {reason}.</translation>
    </message>
    <message>
        <source>The backup passphrases on this computer cannot be read ({reason}).</source>
        <translation>عبارت‌های عبور پشتیبان در این رایانه خوانده نمی‌شوند ({reason}).</translation>
    </message>
    <message>
        <source>The café to copy is at schema {found}; open it with this version of the app first, which upgrades it to {latest}.</source>
        <translation>کافه‌ای که باید رونوشت شود در طرح‌وارهٔ {found} است؛ اول آن را با همین نسخهٔ برنامه باز کنید تا به {latest} ارتقا یابد.</translation>
    </message>
    <message>
        <source>The target already holds a café. Nothing was copied; to replace it, say so (--yes).</source>
        <translation>مقصد از قبل یک کافه دارد. چیزی رونوشت نشد؛ برای جایگزینی آن، این را بگویید (--yes).</translation>
    </message>
    <message>
        <source>The copy of {table} does not match the original ({have} rows against {want}); nothing was copied.</source>
        <translation>رونوشت {table} با اصل یکی نیست ({have} ردیف در برابر {want})؛ چیزی رونوشت نشد.</translation>
    </message>
    <message>
        <source>The database server kept this till waiting: another till or the owner&apos;s work holds the café&apos;s write lock. Nothing was saved; a till keeps stamps meanwhile and sends them when it can.</source>
        <translation>سرور پایگاه داده این صندوق را منتظر نگه داشت: صندوق دیگری یا کار مدیر قفل نوشتن کافه را در دست دارد. چیزی ذخیره نشد؛ صندوق در این فاصله مهرها را نگه می‌دارد و هر وقت بتواند می‌فرستد.</translation>
    </message>
    <message>
        <source>The database server cannot be reached; nothing was saved. Check that it is running and the network is up ({reason}). Meanwhile a till keeps only stamps, and sends them when it is back.</source>
        <translation>سرور پایگاه داده در دسترس نیست؛ چیزی ذخیره نشد. ببینید روشن است و شبکه وصل است ({reason}). در این مدت صندوق فقط مهرها را نگه می‌دارد و وقتی سرور برگشت آن‌ها را می‌فرستد.</translation>
    </message>
    <message>
        <source>PostgreSQL needs the psycopg driver: pip install &apos;cafe-loyalty[postgresql]&apos;.</source>
        <translation>برای PostgreSQL راه‌انداز psycopg لازم است: pip install &apos;cafe-loyalty[postgresql]&apos;.</translation>
    </message>
    <message>
        <source>Another device on this network already calls itself {name}. Set a fixed address for the phone page instead.</source>
        <translation>دستگاه دیگری در این شبکه نام {name} را دارد. به جای آن یک نشانی ثابت برای صفحهٔ گوشی بگذارید.</translation>
    </message>
    <message>
        <source>This PostgreSQL database already holds other tables, not a café&apos;s. Create an empty database for the till (see README, Several tills).</source>
        <translation>این پایگاه دادهٔ PostgreSQL جدول‌های دیگری دارد، نه جدول‌های یک کافه. یک پایگاه دادهٔ خالی برای صندوق بسازید (راهنما، بخش چند صندوق).</translation>
    </message>
    <message>
        <source>That stamp was already decided on.</source>
        <translation>دربارهٔ این مهر قبلاً تصمیم گرفته شده است.</translation>
    </message>
    <message>
        <source>The database server cannot be reached, and this card is not in this till&apos;s copy; nothing was read.</source>
        <translation>سرور پایگاه داده در دسترس نیست و این کارت در رونوشت این صندوق نیست؛ چیزی خوانده نشد.</translation>
    </message>
    <message>
        <source>The database server cannot be reached, and this regular is not in this till&apos;s copy yet; nothing was saved. Note the stamp on paper.</source>
        <translation>سرور پایگاه داده در دسترس نیست و این مشتری هنوز در رونوشت این صندوق نیست؛ چیزی ذخیره نشد. مهر را روی کاغذ یادداشت کنید.</translation>
    </message>
    <message>
        <source>The database server cannot be reached, and this regular is not in this till&apos;s copy; nothing was read.</source>
        <translation>سرور پایگاه داده در دسترس نیست و این مشتری در رونوشت این صندوق نیست؛ چیزی خوانده نشد.</translation>
    </message>
    <message>
        <source>The database server cannot be reached, and this till has no copy yet.</source>
        <translation>سرور پایگاه داده در دسترس نیست و این صندوق هنوز رونوشتی ندارد.</translation>
    </message>
    <message>
        <source>This till cannot keep its own file {file} ({reason}).</source>
        <translation>این صندوق نمی‌تواند پروندهٔ خودش {file} را نگه دارد ({reason}).</translation>
    </message>
    <message>
        <source>This till could not keep the stamp in its own file ({reason}); nothing was saved.</source>
        <translation>این صندوق نتوانست مهر را در پروندهٔ خودش نگه دارد ({reason})؛ چیزی ذخیره نشد.</translation>
    </message>
    <message>
        <source>This till could not keep its copy of the regulars ({reason}).</source>
        <translation>این صندوق نتوانست رونوشت مشتری‌های ثابت را نگه دارد ({reason}).</translation>
    </message>
    <message>
        <source>The phone page could not be started.</source>
        <translation>صفحهٔ گوشی راه‌اندازی نشد.</translation>
    </message>
    <message>
        <source>Keeping the password needs the keyring package: pip install &apos;cafe-loyalty[postgresql]&apos;.</source>
        <translation>نگه داشتن گذرواژه به بستهٔ keyring نیاز دارد: pip install &apos;cafe-loyalty[postgresql]&apos;.</translation>
    </message>
    <message>
        <source>This computer has no password store the till can use ({reason}). Use PGPASSWORD or a .pgpass file instead.</source>
        <translation>این رایانه انبارهٔ گذرواژه‌ای که صندوق بتواند به کار ببرد ندارد ({reason}). به جای آن از PGPASSWORD یا پروندهٔ .pgpass استفاده کنید.</translation>
    </message>
    <message>
        <source>Save the sign as a .pdf or a .png file, not {name}.</source>
        <translation>تابلو را به صورت فایل PDF یا PNG ذخیره کنید، نه {name}.</translation>
    </message>
    <message>
        <source>A receipt slip is 58 or 80 mm wide, not {width} mm.</source>
        <translation>رسید باریک ۵۸ یا ۸۰ میلی‌متر پهنا دارد، نه {width} میلی‌متر.</translation>
    </message>
    <message>
        <source>The receipt printer&apos;s address is a network address (192.168.1.50 or 192.168.1.50:9100), usb:VENDOR:PRODUCT (usb:0x0416:0x5011) or file:/dev/usb/lp0.</source>
        <translation>نشانی چاپگر رسید یک نشانی شبکه است (⁦192.168.1.50⁩ یا ⁦192.168.1.50:9100⁩)، یا usb:0x0416:0x5011، یا file:/dev/usb/lp0.</translation>
    </message>
    <message>
        <source>Printing straight to a receipt printer needs the receipt extra: pip install &quot;cafe-loyalty[receipt]&quot;.</source>
        <translation>چاپ مستقیم روی چاپگر رسید به افزونهٔ رسید نیاز دارد: pip install &quot;cafe-loyalty[receipt]&quot;</translation>
    </message>
    <message>
        <source>{port} is not a port number.</source>
        <translation>{port} شمارهٔ درگاه نیست.</translation>
    </message>
    <message>
        <source>The receipt printer at {address} did not take the slip: {reason}.</source>
        <translation>چاپگر رسید در {address} رسید را نگرفت: {reason}.</translation>
    </message>
    <message>
        <source>Only the owner can do this. Unlock it with the owner&apos;s PIN.</source>
        <translation>فقط مدیر می‌تواند این کار را بکند. با رمز مدیر بازش کنید.</translation>
    </message>
    <message>
        <source>The automatic backups are encrypted, but this computer does not hold their passphrase (it was set on another one). Type it again in Owner ▸ Backup ▸ Passphrase…</source>
        <translation>پشتیبان‌های خودکار رمزگذاری شده‌اند، ولی این رایانه عبارت عبورشان را ندارد (در رایانهٔ دیگری تعیین شده). آن را دوباره در مدیر ▸ پشتیبان ▸ عبارت عبور… وارد کنید</translation>
    </message>
    <message>
        <source>The backup folder {folder} is not there (unplugged, or offline).</source>
        <translation>پوشهٔ پشتیبان {folder} در دسترس نیست (جدا شده یا خاموش).</translation>
    </message>
    <message>
        <source>There is no folder {folder}. Plug in the stick or create it first.</source>
        <translation>پوشهٔ {folder} وجود ندارد. اول فلش را وصل کنید یا پوشه را بسازید.</translation>
    </message>
    <message>
        <source>A backup passphrase needs at least {count} characters: it guards every backup that leaves the café.</source>
        <translation>عبارت عبور پشتیبان دست‌کم {count} نویسه لازم دارد: از هر پشتیبانی که از کافه بیرون می‌رود محافظت می‌کند.</translation>
    </message>
    <message>
        <source>The database server cannot be reached; nothing was saved. Meanwhile a till keeps only stamps, and sends them when it is back.</source>
        <translation>سرور پایگاه داده در دسترس نیست؛ چیزی ذخیره نشد. در این مدت صندوق فقط مهرها را نگه می‌دارد و وقتی سرور برگشت آن‌ها را می‌فرستد.</translation>
    </message>
    <message>
        <source>A branch manager can do this only for their own branch.</source>
        <translation>مدیر شعبه این کار را فقط برای شعبهٔ خودش می‌تواند انجام دهد.</translation>
    </message>
    <message>
        <source>Only the chain&apos;s owner can do this, not a branch manager.</source>
        <translation>فقط مدیر زنجیره می‌تواند این کار را انجام دهد، نه مدیر شعبه.</translation>
    </message>
    <message>
        <source>That passphrase is too long (1024 characters at most).</source>
        <translation>این عبارت عبور خیلی بلند است (حداکثر ۱۰۲۴ نویسه).</translation>
    </message>
    <message>
        <source>Backups could not be written to {folder}: {reason}.</source>
        <translation>پشتیبان‌ها در {folder} نوشته نشدند: {reason}.</translation>
    </message>
    <message>
        <source>The folder {folder} cannot be written ({reason}).</source>
        <translation>در پوشهٔ {folder} نمی‌شود نوشت ({reason}).</translation>
    </message>
    <message>
        <source>There is no branch called {name}. The branches: {names}.</source>
        <translation>شعبه‌ای به نام {name} نیست. شعبه‌ها: {names}.</translation>
    </message>
    <message>
        <source>There is no branch {branch}.</source>
        <translation>شعبهٔ {branch} وجود ندارد.</translation>
    </message>
    <message>
        <source>This café has no branch.</source>
        <translation>این کافه شعبه‌ای ندارد.</translation>
    </message>
    <message>
        <source>A chain can have at most {most} branches.</source>
        <translation>یک زنجیره حداکثر {most} شعبه می‌تواند داشته باشد.</translation>
    </message>
    <message>
        <source>There is already a branch called {name}.</source>
        <translation>شعبه‌ای به نام {name} از قبل هست.</translation>
    </message>
    <message>
        <source>There is no stamp {stamp_id}.</source>
        <translation>مهر {stamp_id} وجود ندارد.</translation>
    </message>
    <message>
        <source>A check-back is good, not (not quite) or note.</source>
        <translation>پاسخ پیگیری «خوب»، «نه چندان» یا «یادداشت» است.</translation>
    </message>
    <message>
        <source>A check-back is about one visit: give the visit or the stamp.</source>
        <translation>هر پیگیری دربارهٔ یک مراجعه است: مراجعه یا مهر را بدهید.</translation>
    </message>
    <message>
        <source>Choose 1 to 36 months.</source>
        <translation>۱ تا ۳۶ ماه را انتخاب کنید.</translation>
    </message>
    <message>
        <source>Choose 1 to 52 weeks.</source>
        <translation>۱ تا ۵۲ هفته را انتخاب کنید.</translation>
    </message>
    <message>
        <source>There is no visit {visit_id}.</source>
        <translation>مراجعهٔ {visit_id} وجود ندارد.</translation>
    </message>
    <message>
        <source>Someone already checked back about that visit.</source>
        <translation>برای این مراجعه پیش‌تر پیگیری شده است.</translation>
    </message>
    <message>
        <source>There is no visit {visit_id} of this regular.</source>
        <translation>این مشتری مراجعهٔ {visit_id} ندارد.</translation>
    </message>
    <message>
        <source>There is no stamp {stamp_id} of this regular.</source>
        <translation>این مشتری مهر {stamp_id} ندارد.</translation>
    </message>
    <message>
        <source>This card no longer belongs to anyone.</source>
        <translation>این کارت دیگر مال کسی نیست.</translation>
    </message>
    <message>
        <source>This card ({code}) was replaced by card {current}.</source>
        <translation>این کارت ({code}) با کارت {current} عوض شده است.</translation>
    </message>
    <message>
        <source>This card ({code}) was replaced.</source>
        <translation>این کارت ({code}) عوض شده است.</translation>
    </message>
    <message>
        <source>A regular cannot have referred themselves.</source>
        <translation>مشتری نمی‌تواند خودش را معرفی کرده باشد.</translation>
    </message>
    <message>
        <source>That email address does not look right.</source>
        <translation>این نشانی ایمیل درست به نظر نمی‌رسد.</translation>
    </message>
    <message>
        <source>Unknown dietary flag(s): {flags}. Use: {allowed}.</source>
        <translation>رژیم ناشناخته: {flags}. یکی از این‌ها: {allowed}.</translation>
    </message>
    <message>
        <source>Please ask at the counter.</source>
        <translation>لطفاً از پیشخوان بپرسید.</translation>
    </message>
    <message>
        <source>Please wait a moment, then ask at the counter.</source>
        <translation>لطفاً کمی صبر کنید، بعد از پیشخوان بپرسید.</translation>
    </message>
    <message>
        <source>There is no customer {customer_id}.</source>
        <translation>مشتری {customer_id} وجود ندارد.</translation>
    </message>
    <message>
        <source>A card design is slots/head start, like 10/2, not {text!r}.</source>
        <translation>طرح کارت به شکل خانه‌ها/مهرهای هدیه است، مثل 10/2، نه {text!r}.</translation>
    </message>
    <message>
        <source>A card has {low} to {high} slots, and fewer stamps given than slots: {text} is not possible.</source>
        <translation>کارت {low} تا {high} خانه دارد و مهرهای هدیه باید از خانه‌ها کمتر باشد: {text} ممکن نیست.</translation>
    </message>
    <message>
        <source>An experiment compares two card designs, like 10/2,8/0.</source>
        <translation>آزمایش دو طرح کارت را مقایسه می‌کند، مثل 10/2,8/0.</translation>
    </message>
    <message>
        <source>The two designs are the same; choose two different ones.</source>
        <translation>دو طرح یکی است؛ دو طرح متفاوت انتخاب کنید.</translation>
    </message>
    <message>
        <source>Both designs must need the same purchases to the reward ({a} needs {pa}, {b} needs {pb}), or the test would compare the reward&apos;s price, not the head start.</source>
        <translation>هر دو طرح باید تا جایزه به یک تعداد خرید نیاز داشته باشند ({a} به {pa} و {b} به {pb})، وگرنه آزمایش قیمت جایزه را می‌سنجد، نه مهرهای هدیه را.</translation>
    </message>
    <message>
        <source>The smallest difference worth finding is 2 to 50 points, not {x}.</source>
        <translation>کوچک‌ترین تفاوتِ ارزشمند باید ۲ تا ۵۰ واحد درصد باشد، نه {x}.</translation>
    </message>
    <message>
        <source>The seed is a whole number from 0 to 2147483647.</source>
        <translation>بذر عددی صحیح از 0 تا 2147483647 است.</translation>
    </message>
    <message>
        <source>There is no experiment yet. Start one from the Programme tab.</source>
        <translation>هنوز آزمایشی نیست. از زبانهٔ برنامه یکی را شروع کنید.</translation>
    </message>
    <message>
        <source>An experiment is already running. Stop it before starting another.</source>
        <translation>یک آزمایش در جریان است. پیش از شروع آزمایش دیگر آن را تمام کنید.</translation>
    </message>
    <message>
        <source>No experiment is running.</source>
        <translation>آزمایشی در جریان نیست.</translation>
    </message>
    <message>
        <source>Keep one of the two designs tested ({arms}), not {keep}.</source>
        <translation>یکی از دو طرح آزمایش‌شده ({arms}) را نگه دارید، نه {keep}.</translation>
    </message>
    <message>
        <source>Feedback is praise, a complaint or an idea.</source>
        <translation>بازخورد یا تعریف است، یا شکایت، یا پیشنهاد.</translation>
    </message>
    <message>
        <source>There is no feedback {feedback_id}.</source>
        <translation>بازخوردی با شناسهٔ {feedback_id} نیست.</translation>
    </message>
    <message>
        <source>That feedback was already dealt with.</source>
        <translation>به این بازخورد پیش‌تر رسیدگی شده است.</translation>
    </message>
    <message>
        <source>{text} is not a phone number.</source>
        <translation>{text} شمارهٔ تلفن نیست.</translation>
    </message>
    <message>
        <source>For a regular already here, choose one of: {choices}.</source>
        <translation>برای مشتری‌ای که از قبل هست، یکی از این‌ها را انتخاب کنید: {choices}.</translation>
    </message>
    <message>
        <source>The date order is dmy or mdy.</source>
        <translation>ترتیب تاریخ «روز اول» یا «ماه اول» است.</translation>
    </message>
    <message>
        <source>No column holds the names. Map one column to &apos;first name&apos; or &apos;name&apos; (columns: {columns}).</source>
        <translation>هیچ ستونی نام‌ها را ندارد. یک ستون را به «نام کوچک» یا «نام کامل» وصل کنید (ستون‌ها: {columns}).</translation>
    </message>
    <message>
        <source>{file} has column names but no rows.</source>
        <translation>{file} نام ستون‌ها را دارد ولی هیچ ردیفی ندارد.</translation>
    </message>
    <message>
        <source>No row was rejected.</source>
        <translation>هیچ ردیفی رد نشد.</translation>
    </message>
    <message>
        <source>{text} is not a date (write it as YYYY-MM-DD).</source>
        <translation>{text} تاریخ نیست (به شکل سال-ماه-روز بنویسید).</translation>
    </message>
    <message>
        <source>There is no column {column!r} in the file.</source>
        <translation>ستون {column!r} در فایل نیست.</translation>
    </message>
    <message>
        <source>A column maps to one of: {choices}.</source>
        <translation>یک ستون به یکی از این‌ها وصل می‌شود: {choices}.</translation>
    </message>
    <message>
        <source>Stopped: nothing was imported.</source>
        <translation>متوقف شد: چیزی وارد نشد.</translation>
    </message>
    <message>
        <source>The same regular as line {line} of this file.</source>
        <translation>همان مشتری سطر {line} همین فایل.</translation>
    </message>
    <message>
        <source>There is no import {batch}.</source>
        <translation>ورودی شمارهٔ {batch} وجود ندارد.</translation>
    </message>
    <message>
        <source>That import was already undone.</source>
        <translation>آن ورود قبلاً برگردانده شده است.</translation>
    </message>
    <message>
        <source>Stamps on a paper card are a whole number from 0 to {most}.</source>
        <translation>مهرهای کارت کاغذی عددی صحیح از ۰ تا {most} است.</translation>
    </message>
    <message>
        <source>This row has {cells} cells; the first line names {columns} columns.</source>
        <translation>این ردیف {cells} خانه دارد؛ سطر اول {columns} ستون نام می‌برد.</translation>
    </message>
    <message>
        <source>{text} has a two-digit year: write the year in full.</source>
        <translation>سالِ {text} دو رقمی است: سال را کامل بنویسید.</translation>
    </message>
    <message>
        <source>{value} stamps do not fit a card of {slots}: {most} were carried over.</source>
        <translation>{value} مهر در کارت {slots}تایی جا نمی‌شود: {most} مهر منتقل شد.</translation>
    </message>
    <message>
        <source>{text} could be day/month or month/day: choose how dates are written.</source>
        <translation>{text} می‌تواند روز/ماه یا ماه/روز باشد: شکل نوشتن تاریخ‌ها را انتخاب کنید.</translation>
    </message>
    <message>
        <source>Stamps come only with a new regular; this one is already here.</source>
        <translation>مهرها فقط با مشتری تازه می‌آیند؛ این مشتری از قبل هست.</translation>
    </message>
    <message>
        <source>Customer {customer_id} has no card.</source>
        <translation>مشتری {customer_id} کارت ندارد.</translation>
    </message>
    <message>
        <source>There is no card {card_id}.</source>
        <translation>کارتی با شناسهٔ {card_id} نیست.</translation>
    </message>
    <message>
        <source>This card is no longer in use; open the customer again.</source>
        <translation>این کارت دیگر در کار نیست؛ مشتری را دوباره باز کنید.</translation>
    </message>
    <message>
        <source>A stamp added later cannot be in the future.</source>
        <translation>مهری که بعداً ثبت می‌شود نمی‌تواند در آینده باشد.</translation>
    </message>
    <message>
        <source>The current card was issued {issued}; a stamp cannot be added before that.</source>
        <translation>کارت فعلی در {issued} صادر شده است؛ مهر پیش از آن ثبت نمی‌شود.</translation>
    </message>
    <message>
        <source>A paper card can bring 1 to {most} stamps (one fewer than the {slots} slots).</source>
        <translation>کارت کاغذی می‌تواند ۱ تا {most} مهر بیاورد (یکی کمتر از {slots} خانه).</translation>
    </message>
    <message>
        <source>This card already has stamps carried over from a paper card.</source>
        <translation>مهرهای یک کارت کاغذی قبلاً به این کارت آورده شده است.</translation>
    </message>
    <message>
        <source>The card has {filled} of {slots} stamps: a paper card can add at most {room}.</source>
        <translation>کارت {filled} از {slots} مهر دارد: کارت کاغذی حداکثر {room} مهر می‌تواند اضافه کند.</translation>
    </message>
    <message>
        <source>This card was already redeemed.</source>
        <translation>جایزهٔ این کارت پیش‌تر داده شده است.</translation>
    </message>
    <message>
        <source>The card is not full yet ({filled} of {slots}); {left} to go.</source>
        <translation>کارت هنوز پر نشده ({filled} از {slots})؛ {left} مهر مانده.</translation>
    </message>
    <message>
        <source>There is nothing to undo on this card.</source>
        <translation>روی این کارت چیزی برای برگرداندن نیست.</translation>
    </message>
    <message>
        <source>This card was already stamped {ago}.</source>
        <translation>این کارت پیش‌تر مهر خورده است ({ago}).</translation>
    </message>
    <message>
        <source>{name} is already on the menu.</source>
        <translation>{name} همین حالا در منو هست.</translation>
    </message>
    <message>
        <source>{text!r} is not on the menu. Add it first (menu add).</source>
        <translation>{text!r} در منو نیست. اول آن را اضافه کنید.</translation>
    </message>
    <message>
        <source>There is no menu item {item_id}.</source>
        <translation>قلمی با شناسهٔ {item_id} در منو نیست.</translation>
    </message>
    <message>
        <source>Choose two different regulars to merge.</source>
        <translation>برای ادغام دو مشتری ثابت متفاوت انتخاب کنید.</translation>
    </message>
    <message>
        <source>A treat&apos;s reason is birthday, new-item, milestone, apology or other.</source>
        <translation>دلیل هدیه یکی از این‌هاست: تولد، قلم تازه، مناسبت، جبران یا دیگر.</translation>
    </message>
    <message>
        <source>They already had a birthday treat this year.</source>
        <translation>امسال هدیهٔ تولدش را گرفته است.</translation>
    </message>
    <message>
        <source>They had a treat less than {gap} days ago; keep surprises occasional.</source>
        <translation>کمتر از {gap} روز پیش هدیه گرفته است؛ بگذارید غافلگیری‌ها گاه‌به‌گاه بمانند.</translation>
    </message>
    <message>
        <source>The period starts after it ends.</source>
        <translation>آغاز بازه پس از پایان آن است.</translation>
    </message>
    <message>
        <source>A report covers 1 to {most} weeks.</source>
        <translation>گزارش ۱ تا {most} هفته را در بر می‌گیرد.</translation>
    </message>
    <message>
        <source>There is no setting called {key!r}.</source>
        <translation>تنظیمی به نام {key!r} نیست.</translation>
    </message>
    <message>
        <source>{label} is one of: {choices}.</source>
        <translation>{label} یکی از این‌هاست: {choices}.</translation>
    </message>
    <message>
        <source>Language must be &apos;en&apos; or &apos;fa&apos;.</source>
        <translation>زبان باید en یا fa باشد.</translation>
    </message>
    <message>
        <source>The phone page&apos;s address is a name or number such as cafe.example or 192.168.1.20, with no http:// and no path.</source>
        <translation>نشانی صفحهٔ گوشی یک نام میزبان یا عددی مثل ⁦192.168.1.20⁩ است، بدون http:// و بدون مسیر.</translation>
    </message>
    <message>
        <source>There is no image file at {file}.</source>
        <translation>در {file} فایل تصویری نیست.</translation>
    </message>
    <message>
        <source>The head start must be smaller than the number of slots.</source>
        <translation>مهرهای هدیه باید کمتر از خانه‌های کارت باشد.</translation>
    </message>
    <message>
        <source>{label} must be between {low} and {high}.</source>
        <translation>{label} باید بین {low} و {high} باشد.</translation>
    </message>
    <message>
        <source>The card web address must start with https:// and contain {code} once, e.g. https://example.com/c/{code}.</source>
        <translation>نشانی وب کارت باید با https:// شروع شود و یک بار {code} داشته باشد، مثلاً https://example.com/c/{code}.</translation>
    </message>
    <message>
        <source>Only {code} can be filled in: a card never carries names or phones.</source>
        <translation>فقط {code} پر می‌شود: کارت هیچ‌وقت نام یا تلفن ندارد.</translation>
    </message>
    <message>
        <source>{value} is not a country code such as IR, DE or GB.</source>
        <translation>{value} کد کشور نیست (مثل IR یا DE یا GB).</translation>
    </message>
    <message>
        <source>{label} must be a whole number.</source>
        <translation>{label} باید عدد درست باشد.</translation>
    </message>
    <message>
        <source>{zone} is not a time zone this computer knows. Use a name such as Asia/Tehran or Europe/Berlin.</source>
        <translation>{zone} منطقهٔ زمانی‌ای نیست که این رایانه بشناسد. نامی مانند Asia/Tehran یا Europe/Berlin به کار ببرید.</translation>
    </message>
    <message>
        <source>{value} is not a network address of this computer (such as 192.168.1.20).</source>
        <translation>{value} نشانی شبکهٔ این رایانه نیست (مثل ⁦192.168.1.20⁩).</translation>
    </message>
    <message>
        <source>A PIN is 4 to 12 digits.</source>
        <translation>رمز ۴ تا ۱۲ رقم است.</translation>
    </message>
    <message>
        <source>No staff member with id {staff_id}.</source>
        <translation>همکاری با شناسهٔ {staff_id} نیست.</translation>
    </message>
    <message>
        <source>This café has no owner yet. Set the café up first.</source>
        <translation>این کافه هنوز مدیر ندارد. اول کافه را راه‌اندازی کنید.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Owner actions are locked for {minutes} more minute(s).</source>
        <translation>رمز چند بار اشتباه وارد شد. کارهای مدیر تا {minutes} دقیقهٔ دیگر قفل است.</translation>
    </message>
    <message>
        <source>Wrong PIN. {left} tries left before a short lock.</source>
        <translation>رمز اشتباه است. {left} بار دیگر تا یک قفل کوتاه.</translation>
    </message>
    <message>
        <source>The database server refused the user name or password. Keep the password for this till with cafe-loyalty db password --db ADDRESS, or set PGPASSWORD or a .pgpass file.</source>
        <translation>سرور پایگاه داده نام کاربری یا گذرواژه را نپذیرفت. گذرواژهٔ این صندوق را با cafe-loyalty db password --db ADDRESS نگه دارید، یا PGPASSWORD یا پروندهٔ .pgpass را تنظیم کنید.</translation>
    </message>
    <message>
        <source>This import cannot be undone: {count} of its regulars have been served since, among them {names}. Forget or edit them one by one instead.</source>
        <translation>این ورود را نمی‌شود برگرداند: {count} نفر از مشتری‌هایش از آن پس خدمت گرفته‌اند، از جمله {names}. به جای آن، آن‌ها را یکی‌یکی ویرایش یا فراموش کنید.</translation>
    </message>
    <message>
        <source>This looks like a spreadsheet formula ({start}…).</source>
        <translation>این شبیه فرمول صفحه‌گسترده است ({start}…).</translation>
    </message>
    <message>
        <source>Keep the name, phone or notes of one record: not {value!r}.</source>
        <translation>نام، تلفن یا یادداشت یکی از دو رکورد را نگه دارید، نه {value!r}.</translation>
    </message>
    <message>
        <source>This needs the owner&apos;s PIN.</source>
        <translation>این کار رمز مدیر را می‌خواهد.</translation>
    </message>
    <message>
        <source>Wrong PIN. Owner actions are locked for {minutes} minutes.</source>
        <translation>رمز اشتباه است. کارهای مدیر {minutes} دقیقه قفل است.</translation>
    </message>
    <message>
        <source>Wrong PIN. 1 try left before a short lock.</source>
        <translation>رمز اشتباه است. یک بار دیگر تا یک قفل کوتاه.</translation>
    </message>
    <message>
        <source>A visit cannot be in the future.</source>
        <translation>زمان مراجعه نمی‌تواند در آینده باشد.</translation>
    </message>
    <message>
        <source>Choose at least one item.</source>
        <translation>دست‌کم یک قلم را انتخاب کنید.</translation>
    </message>
    <message>
        <source>A visit cannot be that long ago: the café started using the till on {setup}, and history goes back at most a year before that ({day}).</source>
        <translation>مراجعه نمی‌تواند این‌قدر قدیمی باشد: کافه از {setup} با این صندوق کار می‌کند و سابقه حداکثر تا یک سال پیش از آن ({day}) پذیرفته می‌شود.</translation>
    </message>
    <message>
        <source>Unknown spreadsheet(s): {names}. Choose from: {choices}.</source>
        <translation>صفحه‌گستردهٔ ناشناخته: {names}. از این‌ها انتخاب کنید: {choices}.</translation>
    </message>
    <message>
        <source>{folder} already exists; choose another name for the spreadsheets.</source>
        <translation>{folder} از پیش وجود دارد؛ نام دیگری برای صفحه‌گسترده‌ها انتخاب کنید.</translation>
    </message>
    <message>
        <source>Could not read the database for the spreadsheets: {reason}.</source>
        <translation>پایگاه داده برای صفحه‌گسترده‌ها خوانده نشد: {reason}.</translation>
    </message>
    <message>
        <source>Could not write the spreadsheets to {folder}: {reason}. Nothing was saved there.</source>
        <translation>صفحه‌گسترده‌ها در {folder} نوشته نشدند: {reason}. چیزی آنجا ذخیره نشد.</translation>
    </message>
    <message>
        <source>The export was stopped; no spreadsheet was saved.</source>
        <translation>خروجی متوقف شد؛ هیچ صفحه‌گسترده‌ای ذخیره نشد.</translation>
    </message>
    <message>
        <source>{file} cannot be read as CSV at line {line}: {reason}.</source>
        <translation>{file} در سطر {line} به شکل CSV خوانده نمی‌شود: {reason}.</translation>
    </message>
    <message>
        <source>{file} is a ZIP file but not a spreadsheet (XLSX or ODS).</source>
        <translation>{file} فایل زیپ است ولی صفحه‌گسترده (XLSX یا ODS) نیست.</translation>
    </message>
    <message>
        <source>{file} is empty.</source>
        <translation>{file} خالی است.</translation>
    </message>
    <message>
        <source>{file} is {size} MB: far larger than any café&apos;s list of regulars (the limit is {most} MB). Is it the right file?</source>
        <translation>{file} {size} مگابایت است: بسیار بزرگ‌تر از فهرست مشتری‌های هر کافه‌ای (حد {most} مگابایت است). فایل درست است؟</translation>
    </message>
    <message>
        <source>The encoding is one of: {choices}.</source>
        <translation>رمزگذاری یکی از این‌هاست: {choices}.</translation>
    </message>
    <message>
        <source>{file} is not a spreadsheet (it holds binary data).</source>
        <translation>{file} صفحه‌گسترده نیست (دادهٔ دودویی دارد).</translation>
    </message>
    <message>
        <source>{file} has no column names in its first line.</source>
        <translation>سطر اول {file} نام ستون ندارد.</translation>
    </message>
    <message>
        <source>{file} is not {encoding} text after all (line {line}). Choose its encoding.</source>
        <translation>{file} در واقع متن {encoding} نیست (سطر {line}). رمزگذاری‌اش را انتخاب کنید.</translation>
    </message>
    <message>
        <source>{file} unpacks to {size} MB from {packed} MB: that is not a spreadsheet but a trap (a ZIP bomb). Nothing was read.</source>
        <translation>{file} از {packed} مگابایت به {size} مگابایت باز می‌شود: این صفحه‌گسترده نیست بلکه تله است (بمب زیپ). چیزی خوانده نشد.</translation>
    </message>
    <message>
        <source>{file} is not a file that can be imported.</source>
        <translation>{file} پرونده‌ای نیست که بتوان آن را وارد کرد.</translation>
    </message>
    <message>
        <source>{file} is damaged (not a readable spreadsheet).</source>
        <translation>{file} آسیب دیده است (صفحه‌گستردهٔ خوانا نیست).</translation>
    </message>
    <message>
        <source>{file} has no sheets.</source>
        <translation>{file} هیچ برگه‌ای ندارد.</translation>
    </message>
    <message>
        <source>A role is &apos;barista&apos;, &apos;manager&apos; or &apos;owner&apos;.</source>
        <translation>نقش یکی از «باریستا»، «مدیر شعبه» یا «مدیر» است.</translation>
    </message>
    <message>
        <source>A branch manager can add baristas only; ask the owner.</source>
        <translation>مدیر شعبه فقط باریستا می‌تواند اضافه کند؛ از مدیر زنجیره بخواهید.</translation>
    </message>
    <message>
        <source>A branch manager needs a PIN.</source>
        <translation>مدیر شعبه به رمز نیاز دارد.</translation>
    </message>
    <message>
        <source>A branch manager can set their baristas&apos; PINs only.</source>
        <translation>مدیر شعبه فقط رمز باریستاهای خودش را می‌تواند تعیین کند.</translation>
    </message>
    <message>
        <source>A row of {table} points to a row that is not there ({reason}); nothing was copied.</source>
        <translation>یک ردیف از {table} به ردیفی اشاره می‌کند که وجود ندارد ({reason})؛ چیزی رونوشت نشد.</translation>
    </message>
    <message>
        <source>The copy holds two rows where one is allowed ({reason}); nothing was copied.</source>
        <translation>در رونوشت دو ردیف هست که فقط یکی از آن‌ها مجاز است ({reason})؛ چیزی رونوشت نشد.</translation>
    </message>
    <message>
        <source>Please enter a {field}.</source>
        <translation>لطفاً {field} را وارد کنید.</translation>
    </message>
    <message>
        <source>The {field} is too long ({length} characters; at most {most}).</source>
        <translation>{field} خیلی بلند است ({length} نویسه؛ حداکثر {most}).</translation>
    </message>
    <message>
        <source>A phone number may hold only digits, spaces and + ( ) - .</source>
        <translation>شمارهٔ تلفن فقط رقم، فاصله و + ( ) - . می‌تواند داشته باشد.</translation>
    </message>
    <message>
        <source>That phone number is too short.</source>
        <translation>این شمارهٔ تلفن خیلی کوتاه است.</translation>
    </message>
</context>
<context>
    <name>CameraScanDialog</name>
    <message>
        <source>Scan a card with the camera</source>
        <translation>خواندن کارت با دوربین</translation>
    </message>
    <message>
        <source>Hold the card&apos;s QR code up to the camera.</source>
        <translation>کد QR کارت را جلوی دوربین بگیرید.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>انصراف</translation>
    </message>
</context>
<context>
    <name>CheckBackStrip</name>
    <message>
        <source>complained last time</source>
        <translation>بار پیش گله کرد</translation>
    </message>
    <message>
        <source>first visit</source>
        <translation>نخستین مراجعه</translation>
    </message>
    <message>
        <source>first time: {0}</source>
        <translation>بار اول: {0}</translation>
    </message>
    <message>
        <source>day {0} of {1}</source>
        <translation>روز {0} از {1}</translation>
    </message>
    <message>
        <source>visit {0}</source>
        <translation>مراجعهٔ {0}</translation>
    </message>
    <message>
        <source>a stamp</source>
        <translation>یک مهر</translation>
    </message>
    <message>
        <source>CHECK BACK</source>
        <translation>پیگیری</translation>
    </message>
    <message>
        <source>Regulars to check back on</source>
        <translation>مشتریانی که باید حالشان را پرسید</translation>
    </message>
    <message>
        <source>Ask {0} how the {1} was.</source>
        <translation>از {0} بپرسید {1} چطور بود.</translation>
    </message>
    <message>
        <source>Ask {0} if everything was all right.</source>
        <translation>از {0} بپرسید همه‌چیز خوب بود یا نه.</translation>
    </message>
</context>
<context>
    <name>CheckBacksTab</name>
    <message>
        <source>NEW ON THE MENU</source>
        <translation>تازه‌های منو</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>قلم</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>افزوده شد</translation>
    </message>
    <message>
        <source>Tried by</source>
        <translation>امتحان کردند</translation>
    </message>
    <message>
        <source>Liked</source>
        <translation>پسندیدند</translation>
    </message>
    <message>
        <source>Had it again</source>
        <translation>دوباره گرفتند</translation>
    </message>
    <message>
        <source>Nothing was added to the menu in the last six months.</source>
        <translation>در شش ماه اخیر چیزی به منو افزوده نشده است.</translation>
    </message>
    <message>
        <source>CHECK-BACKS, WEEK BY WEEK</source>
        <translation>پیگیری‌ها، هفته به هفته</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>چه کسی</translation>
    </message>
    <message>
        <source>Week of</source>
        <translation>هفتهٔ</translation>
    </message>
    <message>
        <source>Check-backs</source>
        <translation>پیگیری‌ها</translation>
    </message>
    <message>
        <source>Export new items as CSV…</source>
        <translation>خروجی CSV تازه‌های منو…</translation>
    </message>
    <message>
        <source>Export check-backs as CSV…</source>
        <translation>خروجی CSV پیگیری‌ها…</translation>
    </message>
    <message>
        <source>{0} of {1} asked</source>
        <translation>{0} از {1} پرسش</translation>
    </message>
    <message>
        <source>The team checked back {0} times in the last eight weeks. Thank you!</source>
        <translation>گروه در هشت هفتهٔ اخیر {0} بار حال مشتریان را پرسید. سپاس!</translation>
    </message>
    <message>
        <source>No check-backs yet: the till shows whom to ask a little after serving.</source>
        <translation>هنوز پیگیری‌ای نیست: صندوق کمی پس از سرو نشان می‌دهد حال چه کسی را بپرسید.</translation>
    </message>
    <message>
        <source>Export as CSV</source>
        <translation>خروجی CSV</translation>
    </message>
    <message>
        <source>Saved {0}.</source>
        <translation>{0} ذخیره شد.</translation>
    </message>
</context>
<context>
    <name>CounterActions</name>
    <message>
        <source>Stamped on this till ({0} of {1}): it is sent when the server is back.</source>
        <translation>روی این صندوق مهر خورد ({0} از {1}): وقتی سرور برگشت فرستاده می‌شود.</translation>
    </message>
    <message>
        <source>Stamped! The card is full: time for the reward.</source>
        <translation>مهر خورد! کارت پر شد: وقت جایزه است.</translation>
    </message>
    <message>
        <source>Stamped. {0} of {1}.</source>
        <translation>مهر خورد. {0} از {1}.</translation>
    </message>
    <message>
        <source>less than a minute ago</source>
        <translation>کمتر از یک دقیقه پیش</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>%Ln دقیقه پیش</numerusform>
        </translation>
    </message>
    <message>
        <source>Already stamped {0}. Is this another purchase?</source>
        <translation>{0} مهر خورده است. خرید دیگری است؟</translation>
    </message>
    <message>
        <source>Enjoy: {0}! A new card starts with {1} stamps.</source>
        <translation>نوش جان: {0}! کارت تازه با {1} مهر شروع می‌شود.</translation>
    </message>
    <message>
        <source>stamp</source>
        <translation>مهر</translation>
    </message>
    <message>
        <source>reward</source>
        <translation>جایزه</translation>
    </message>
    <message>
        <source>Last stamp undone.</source>
        <translation>آخرین مهر برگردانده شد.</translation>
    </message>
    <message>
        <source>The paper card&apos;s stamps are undone.</source>
        <translation>مهرهای کارت کاغذی برگردانده شد.</translation>
    </message>
    <message>
        <source>Reward undone.</source>
        <translation>جایزه برگردانده شد.</translation>
    </message>
    <message>
        <source>{0} recorded.</source>
        <translation>{0} ثبت شد.</translation>
    </message>
    <message>
        <source>Stamped: {0} of {1}.</source>
        <translation>مهر خورد: {0} از {1}.</translation>
    </message>
</context>
<context>
    <name>CounterKeys</name>
    <message>
        <source>Stamp the card</source>
        <translation>زدن مهر روی کارت</translation>
    </message>
    <message>
        <source>Give the reward</source>
        <translation>دادن جایزه</translation>
    </message>
    <message>
        <source>Undo the last stamp or reward</source>
        <translation>برگرداندن آخرین مهر یا جایزه</translation>
    </message>
    <message>
        <source>Add a new regular</source>
        <translation>افزودن مشتری دائمی تازه</translation>
    </message>
    <message>
        <source>Search a name, phone or card code ({0})</source>
        <translation>جست‌وجوی نام، تلفن یا کد کارت ({0})</translation>
    </message>
    <message>
        <source>Search their name to open the current card.</source>
        <translation>نامش را جستجو کنید تا کارت کنونی‌اش باز شود.</translation>
    </message>
    <message>
        <source>Card not recognised.</source>
        <translation>کارت شناخته نشد.</translation>
    </message>
    <message>
        <source>The keyboard is in {0}: a card scanner types as if on an English keyboard. If scans keep failing, switch the keyboard to English before scanning.</source>
        <translation>صفحه‌کلید روی {0} است: دستگاه خوانندهٔ کارت مثل صفحه‌کلید انگلیسی تایپ می‌کند. اگر خواندن کارت باز هم ناموفق بود، پیش از خواندن، صفحه‌کلید را انگلیسی کنید.</translation>
    </message>
</context>
<context>
    <name>Countries</name>
    <message>
        <source>Iran</source>
        <translation>ایران</translation>
    </message>
    <message>
        <source>Afghanistan</source>
        <translation>افغانستان</translation>
    </message>
    <message>
        <source>Tajikistan</source>
        <translation>تاجیکستان</translation>
    </message>
    <message>
        <source>Iraq</source>
        <translation>عراق</translation>
    </message>
    <message>
        <source>Türkiye</source>
        <translation>ترکیه</translation>
    </message>
    <message>
        <source>United Arab Emirates</source>
        <translation>امارات متحدهٔ عربی</translation>
    </message>
    <message>
        <source>Germany</source>
        <translation>آلمان</translation>
    </message>
    <message>
        <source>Austria</source>
        <translation>اتریش</translation>
    </message>
    <message>
        <source>Switzerland</source>
        <translation>سوئیس</translation>
    </message>
    <message>
        <source>Netherlands</source>
        <translation>هلند</translation>
    </message>
    <message>
        <source>Belgium</source>
        <translation>بلژیک</translation>
    </message>
    <message>
        <source>France</source>
        <translation>فرانسه</translation>
    </message>
    <message>
        <source>Italy</source>
        <translation>ایتالیا</translation>
    </message>
    <message>
        <source>Spain</source>
        <translation>اسپانیا</translation>
    </message>
    <message>
        <source>United Kingdom</source>
        <translation>بریتانیا</translation>
    </message>
    <message>
        <source>Ireland</source>
        <translation>ایرلند</translation>
    </message>
    <message>
        <source>Sweden</source>
        <translation>سوئد</translation>
    </message>
    <message>
        <source>Norway</source>
        <translation>نروژ</translation>
    </message>
    <message>
        <source>Denmark</source>
        <translation>دانمارک</translation>
    </message>
    <message>
        <source>Finland</source>
        <translation>فنلاند</translation>
    </message>
    <message>
        <source>United States</source>
        <translation>ایالات متحدهٔ آمریکا</translation>
    </message>
    <message>
        <source>Canada</source>
        <translation>کانادا</translation>
    </message>
    <message>
        <source>Australia</source>
        <translation>استرالیا</translation>
    </message>
    <message>
        <source>New Zealand</source>
        <translation>نیوزیلند</translation>
    </message>
    <message>
        <source>(none: numbers kept as typed)</source>
        <translation>(هیچ: شماره‌ها همان‌طور که نوشته شده‌اند می‌مانند)</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>Edit regular</source>
        <translation>ویرایش مشتری ثابت</translation>
    </message>
    <message>
        <source>New regular</source>
        <translation>مشتری ثابت تازه</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>ذخیره</translation>
    </message>
    <message>
        <source>Add regular</source>
        <translation>افزودن مشتری</translation>
    </message>
    <message>
        <source>How they like to be greeted</source>
        <translation>با چه نامی دوست دارد صدایش کنیم</translation>
    </message>
    <message>
        <source>Optional: to find them when they forget their card</source>
        <translation>اختیاری: برای پیدا کردنش وقتی کارتش را نیاورده</translation>
    </message>
    <message>
        <source>e.g. latte, low-fat milk, not too hot</source>
        <translation>مثلاً لاته، شیر کم‌چرب، نه خیلی داغ</translation>
    </message>
    <message>
        <source>Allergies, preferences, what to remember</source>
        <translation>حساسیت‌ها، سلیقه‌ها، هر چه باید یادمان بماند</translation>
    </message>
    <message>
        <source>First name *</source>
        <translation>نام *</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>نام خانوادگی</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>تلفن</translation>
    </message>
    <message>
        <source>Usual order</source>
        <translation>سفارش همیشگی</translation>
    </message>
    <message>
        <source>Shown in red on their card so nobody misses it</source>
        <translation>با رنگ قرمز روی کارتش دیده می‌شود تا از چشم کسی نیفتد</translation>
    </message>
    <message>
        <source>Allergies</source>
        <translation>حساسیت‌ها</translation>
    </message>
    <message>
        <source>Diet</source>
        <translation>رژیم غذایی</translation>
    </message>
    <message>
        <source>Birthday month</source>
        <translation>ماه تولد</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>day</source>
        <translation>روز</translation>
    </message>
    <message>
        <source>year (optional)</source>
        <translation>سال (اختیاری)</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>تولد</translation>
    </message>
    <message>
        <source>Referred by</source>
        <translation>معرفی‌شده از طرف</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>یادداشت‌ها</translation>
    </message>
    <message>
        <source>none</source>
        <translation>هیچ</translation>
    </message>
    <message>
        <source>Stamps already on a paper card</source>
        <translation>مهرهای روی کارت کاغذی</translation>
    </message>
    <message>
        <source>They go on the card on top of its head start of {0}.</source>
        <translation>این مهرها علاوه بر {0} مهر هدیهٔ شروع روی کارت می‌آیند.</translation>
    </message>
    <message>
        <source>They go on the card instead of its head start of {0}, not as well.</source>
        <translation>این مهرها به جای {0} مهر هدیهٔ شروع روی کارت می‌آیند، نه با هم.</translation>
    </message>
    <message>
        <source>Stamps on a paper card</source>
        <translation>مهرهای کارت کاغذی</translation>
    </message>
    <message>
        <source>Only the first name is needed. The phone finds them when they forget their card;
the birthday is for a treat in their birthday week; allergies keep them safe.
Keep only what helps you serve them.</source>
        <translation>فقط نام لازم است. تلفن برای وقتی است که کارتش را نیاورده؛
تولد برای هدیه‌ای در هفتهٔ تولدش؛ حساسیت‌ها برای سلامتش.
فقط چیزی را نگه دارید که به پذیرایی از او کمک می‌کند.</translation>
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <source>Customer display</source>
        <extracomment>A customer checked in at the display (their card scanned, or their phone number typed).</extracomment>
        <translation>نمایشگر مشتری</translation>
    </message>
    <message>
        <source>Close the customer display</source>
        <translation>بستن نمایشگر مشتری</translation>
    </message>
    <message>
        <source>Close the customer display (Esc)</source>
        <translation>بستن نمایشگر مشتری (Esc)</translation>
    </message>
    <message>
        <source>Check in with your phone number</source>
        <translation>ورود با شمارهٔ تلفن</translation>
    </message>
    <message>
        <source>Scan your card with the camera</source>
        <translation>کارتتان را با دوربین اسکن کنید</translation>
    </message>
    <message>
        <source>Type the phone number you gave us</source>
        <translation>شماره‌ای را که به ما داده‌اید وارد کنید</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>شمارهٔ تلفن</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>پاک کردن</translation>
    </message>
    <message>
        <source>Check in</source>
        <translation>ورود</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>انصراف</translation>
    </message>
    <message>
        <source>Your card starts with {0} stamps — ask us</source>
        <translation>کارت شما با {0} مهر شروع می‌شود — از ما بخواهید</translation>
    </message>
    <message>
        <source>Ask us for a loyalty card</source>
        <translation>کارت وفاداری را از ما بخواهید</translation>
    </message>
    <message>
        <source>{0} stamps = {1}</source>
        <translation>{0} مهر = {1}</translation>
    </message>
    <message>
        <source>New: {0}</source>
        <translation>تازه: {0}</translation>
    </message>
    <message>
        <source>Welcome back, {0}</source>
        <translation>{0}، خوش برگشتید</translation>
    </message>
    <message>
        <source>Welcome back</source>
        <translation>خوش برگشتید</translation>
    </message>
    <message>
        <source>Happy birthday week, {0}!</source>
        <translation>{0}، هفتهٔ تولدتان مبارک!</translation>
    </message>
    <message>
        <source>Happy birthday week!</source>
        <translation>هفتهٔ تولدتان مبارک!</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} از {1}</translation>
    </message>
    <message>
        <source>Your card is full: {0} is ready for you!</source>
        <translation>کارت شما پر است: {0} آماده است!</translation>
    </message>
    <message>
        <source>Enjoy!</source>
        <translation>نوش جان!</translation>
    </message>
    <message>
        <source>Your new card already has {0} stamps</source>
        <translation>کارت تازهٔ شما از همین حالا {0} مهر دارد</translation>
    </message>
    <message>
        <source>1 more to {0}</source>
        <translation>۱ مهر دیگر تا {0}</translation>
    </message>
    <message>
        <source>{0} more to {1}</source>
        <translation>{0} مهر دیگر تا {1}</translation>
    </message>
    <message>
        <source>{0} of them were on your card from the start</source>
        <translation>{0} مهر از اول روی کارت شما بود</translation>
    </message>
</context>
<context>
    <name>CustomerFlows</name>
    <message>
        <source>Feedback saved.</source>
        <translation>بازخورد ذخیره شد.</translation>
    </message>
    <message>
        <source>Marked as acted on.</source>
        <translation>رسیدگی‌شده علامت خورد.</translation>
    </message>
    <message>
        <source>Treat recorded. Enjoy!</source>
        <translation>هدیه ثبت شد. نوش جان!</translation>
    </message>
    <message>
        <source>Export customer data</source>
        <translation>خروجی اطلاعات مشتری</translation>
    </message>
    <message>
        <source>Their data was saved to {0}</source>
        <translation>اطلاعاتش در {0} ذخیره شد</translation>
    </message>
    <message>
        <source>Forget {0}</source>
        <translation>فراموش کردن {0}</translation>
    </message>
    <message>
        <source>Erase {0}&apos;s name, contact details, notes, birthday and feedback for good? Their stamps stay as anonymous counts and their card stops working. If an older backup is ever restored, they are forgotten again.</source>
        <translation>نام، راه‌های تماس، یادداشت‌ها، تولد و نظرهای {0} برای همیشه پاک شود؟ مهرهایش به صورت شمارش بی‌نام می‌ماند و کارتش دیگر کار نمی‌کند. اگر روزی پشتیبانی قدیمی‌تر بازگردانده شود، دوباره فراموش می‌شود.</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>فراموش کن</translation>
    </message>
    <message>
        <source>Also erase them now from the daily snapshots on this computer</source>
        <translation>همین حالا از نسخه‌های روزانهٔ این رایانه هم پاک شود</translation>
    </message>
    <message>
        <source>Slip sent to the receipt printer.</source>
        <translation>رسید به چاپگر رسید فرستاده شد.</translation>
    </message>
    <message>
        <source>Save slip</source>
        <translation>ذخیرهٔ رسید</translation>
    </message>
    <message>
        <source>Slip saved to {0}</source>
        <translation>رسید در {0} ذخیره شد</translation>
    </message>
    <message>
        <source>Save card</source>
        <translation>ذخیرهٔ کارت</translation>
    </message>
    <message>
        <source>Card saved to {0}</source>
        <translation>کارت در {0} ذخیره شد</translation>
    </message>
    <message>
        <source>Replace a lost card</source>
        <translation>تعویض کارت گم‌شده</translation>
    </message>
    <message>
        <source>Give {0} a new card code? Their stamps stay. The old card ({1}) will stop working and will say it was replaced.</source>
        <translation>به {0} کد کارت تازه داده شود؟ مهرهایش می‌ماند. کارت قبلی ({1}) دیگر کار نمی‌کند و هنگام خواندن می‌گوید تعویض شده است.</translation>
    </message>
    <message>
        <source>Replace card</source>
        <translation>تعویض کارت</translation>
    </message>
    <message>
        <source>New card {0}. The old card {1} no longer works: print the new one from Card ▸ Print.</source>
        <translation>کارت تازه {0}. کارت قبلی {1} دیگر کار نمی‌کند: کارت تازه را از کارت ▸ چاپ چاپ کنید.</translation>
    </message>
</context>
<context>
    <name>CustomerListModel</name>
    <message>
        <source>{0} of {1} stamps</source>
        <translation>{0} از {1} مهر</translation>
    </message>
    <message>
        <source>birthday this week</source>
        <translation>تولدش همین هفته است</translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <source>Edit details</source>
        <translation>ویرایش مشخصات</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>بستن (Esc)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>بستن</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>کارت</translation>
    </message>
    <message>
        <source>Print, save or replace the printed card</source>
        <translation>چاپ، ذخیره یا تعویض کارت چاپی</translation>
    </message>
    <message>
        <source>Print card…</source>
        <translation>چاپ کارت…</translation>
    </message>
    <message>
        <source>Save card as PDF…</source>
        <translation>ذخیرهٔ کارت به‌صورت PDF…</translation>
    </message>
    <message>
        <source>Save card as PNG…</source>
        <translation>ذخیرهٔ کارت به‌صورت PNG…</translation>
    </message>
    <message>
        <source>Print a receipt slip…</source>
        <translation>چاپ رسید باریک…</translation>
    </message>
    <message>
        <source>Save slip as PDF…</source>
        <translation>ذخیرهٔ رسید به صورت PDF…</translation>
    </message>
    <message>
        <source>Replace a lost card…</source>
        <translation>تعویض کارت گم‌شده…</translation>
    </message>
    <message>
        <source>Give a treat…</source>
        <translation>هدیه دادن…</translation>
    </message>
    <message>
        <source>Merge a duplicate into them… (owner)</source>
        <translation>ادغام یک پروندهٔ تکراری در این مشتری… (مدیر)</translation>
    </message>
    <message>
        <source>Export their data… (owner)</source>
        <translation>خروجی گرفتن از اطلاعاتش… (مدیر)</translation>
    </message>
    <message>
        <source>Forget this customer… (owner)</source>
        <translation>فراموش کردن این مشتری… (مدیر)</translation>
    </message>
    <message>
        <source>From this till&apos;s copy while the server is away: the card, allergies and usual only.</source>
        <translation>از رونوشت این صندوق، تا سرور در دسترس نیست: فقط کارت، حساسیت‌ها و سفارش همیشگی.</translation>
    </message>
    <message>
        <source>The usual</source>
        <translation>همیشگی</translation>
    </message>
    <message>
        <source>Record the usual order and stamp the card</source>
        <translation>ثبت سفارش همیشگی و مهر زدن کارت</translation>
    </message>
    <message>
        <source>Stamp again anyway</source>
        <translation>با این حال دوباره مهر بزن</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>انصراف</translation>
    </message>
    <message>
        <source>STAMP CARD</source>
        <translation>کارت مهر</translation>
    </message>
    <message>
        <source>Stamp</source>
        <translation>مهر</translation>
    </message>
    <message>
        <source>Redeem</source>
        <translation>دریافت جایزه</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>برگرداندن</translation>
    </message>
    <message>
        <source>Items…</source>
        <translation>اقلام…</translation>
    </message>
    <message>
        <source>Record what they had</source>
        <translation>ثبت آنچه سفارش داد</translation>
    </message>
    <message>
        <source>OPEN FEEDBACK</source>
        <translation>بازخوردهای باز</translation>
    </message>
    <message>
        <source>+ Feedback</source>
        <translation>+ بازخورد</translation>
    </message>
    <message>
        <source>Mark acted on</source>
        <translation>رسیدگی شد</translation>
    </message>
    <message>
        <source>Open feedback</source>
        <translation>بازخوردهای باز</translation>
    </message>
    <message>
        <source>HISTORY</source>
        <translation>سابقه</translation>
    </message>
    <message>
        <source>Card history</source>
        <translation>تاریخچهٔ کارت</translation>
    </message>
    <message>
        <source>Welcome back,</source>
        <translation>خوش برگشتی،</translation>
    </message>
    <message>
        <source>Welcome,</source>
        <translation>خوش آمدی،</translation>
    </message>
    <message>
        <source>No usual order yet: it is learned from what they have.</source>
        <translation>هنوز سفارش همیشگی ندارد: از سفارش‌هایش یاد گرفته می‌شود.</translation>
    </message>
    <message>
        <source>(usually)</source>
        <translation>(معمولاً)</translation>
    </message>
    <message>
        <source>Allergies: {0}</source>
        <translation>حساسیت: {0}</translation>
    </message>
    <message>
        <source>Diet: {0}</source>
        <translation>رژیم: {0}</translation>
    </message>
    <message>
        <source>Birthday this week: {0}</source>
        <translation>تولدش همین هفته است: {0}</translation>
    </message>
    <message>
        <source>Birthday: {0}</source>
        <translation>تولد: {0}</translation>
    </message>
    <message>
        <source>Visit number {0}!</source>
        <translation>مراجعهٔ شمارهٔ {0}!</translation>
    </message>
    <message>
        <source>New regular · day {0}/{1}</source>
        <translation>مشتری تازه — روز {0} از {1}</translation>
    </message>
    <message>
        <source>How was the {0}?</source>
        <translation>{0} چطور بود؟</translation>
    </message>
    <message>
        <source>Something new to offer: {0}</source>
        <translation>چیزی تازه برای پیشنهاد: {0}</translation>
    </message>
    <message>
        <source>Thanks: noted.</source>
        <translation>سپاس: ثبت شد.</translation>
    </message>
    <message>
        <source>Noted. It is on the owner&apos;s list to follow up.</source>
        <translation>ثبت شد. در فهرست پیگیری مدیر است.</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} از {1}</translation>
    </message>
    <message>
        <source>Card full! Ready to redeem: {0}.</source>
        <translation>کارت پر شد! آمادهٔ دریافت جایزه: {0}.</translation>
    </message>
    <message>
        <source>{0} more to {1}.</source>
        <translation>{0} مهر دیگر تا {1}.</translation>
    </message>
</context>
<context>
    <name>CustomerSideTab</name>
    <message>
        <source>CUSTOMER DISPLAY</source>
        <translation>نمایشگر مشتری</translation>
    </message>
    <message>
        <source>Open it from the till&apos;s Display button on a screen that faces the customer. It never shows a last name, phone, notes, allergies or feedback.</source>
        <translation>آن را با دکمهٔ «نمایشگر» صندوق روی صفحه‌ای رو به مشتری باز کنید. نام خانوادگی، تلفن، یادداشت، حساسیت یا بازخورد هرگز در آن دیده نمی‌شود.</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>نام کوچک</translation>
    </message>
    <message>
        <source>Initial only</source>
        <translation>فقط حرف اول</translation>
    </message>
    <message>
        <source>No name</source>
        <translation>بدون نام</translation>
    </message>
    <message>
        <source>Greet by</source>
        <translation>خوشامد با</translation>
    </message>
    <message>
        <source>Wish a happy birthday in their birthday week</source>
        <translation>در هفتهٔ تولد، تبریک تولد</translation>
    </message>
    <message>
        <source>Show the newest menu item between customers</source>
        <translation>نشان دادن تازه‌ترین قلم منو بین مشتری‌ها</translation>
    </message>
    <message>
        <source>Rest after no customer for</source>
        <translation>استراحت پس از نبودن مشتری به مدت</translation>
    </message>
    <message>
        <source>Keep a customer on screen after</source>
        <translation>ماندن مشتری روی صفحه پس از رفتن</translation>
    </message>
    <message>
        <source>Customers can check in by typing their phone number</source>
        <translation>مشتری‌ها می‌توانند با شمارهٔ تلفن وارد شوند</translation>
    </message>
    <message>
        <source>Reduce motion (no animation on the display or the till)</source>
        <translation>کاهش حرکت (بدون پویانمایی روی نمایشگر و صندوق)</translation>
    </message>
    <message>
        <source>PHONE PAGE ON THE CAFÉ WI-FI</source>
        <translation>صفحهٔ گوشی روی وای‌فای کافه</translation>
    </message>
    <message>
        <source>When this is on, anyone on the café&apos;s network who has a card&apos;s code can see that card&apos;s first name and stamps. Nothing else is shown, and the page works only inside the café. Cards printed from now on open the page when scanned with a phone.</source>
        <translation>وقتی روشن است، هر کس در شبکهٔ کافه که کد یک کارت را داشته باشد، نام کوچک و مهرهای آن کارت را می‌بیند. چیز دیگری نشان داده نمی‌شود و صفحه فقط داخل کافه کار می‌کند. کارت‌هایی که از این پس چاپ شوند، با اسکن گوشی این صفحه را باز می‌کنند.</translation>
    </message>
    <message>
        <source>Serve the phone page</source>
        <translation>صفحهٔ گوشی روشن باشد</translation>
    </message>
    <message>
        <source>The best network (chosen when it starts)</source>
        <translation>بهترین شبکه (هنگام شروع انتخاب می‌شود)</translation>
    </message>
    <message>
        <source>Listen on</source>
        <translation>گوش دادن روی</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>درگاه</translation>
    </message>
    <message>
        <source>Empty: the café&apos;s .local name</source>
        <translation>خالی: نام خودکار کافه در شبکه</translation>
    </message>
    <message>
        <source>Fixed address</source>
        <translation>نشانی ثابت</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>نشانی</translation>
    </message>
    <message>
        <source>RECEIPT PRINTER (THIS TILL)</source>
        <translation>چاپگر رسید (این صندوق)</translation>
    </message>
    <message>
        <source>{0} mm roll</source>
        <translation>رول {0} میلی‌متری</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>کاغذ</translation>
    </message>
    <message>
        <source>Empty: choose a printer each time</source>
        <translation>خالی: هر بار چاپگر را انتخاب کنید</translation>
    </message>
    <message>
        <source>A receipt printer&apos;s network address (192.168.1.50:9100), usb:VENDOR:PRODUCT or file:/dev/usb/lp0</source>
        <translation>نشانی شبکهٔ چاپگر رسید (⁦192.168.1.50:9100⁩)، یا usb:0x0416:0x5011، یا file:/dev/usb/lp0</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>چاپگر رسید</translation>
    </message>
    <message>
        <source>Print a slip after each stamp (needs a receipt printer above)</source>
        <translation>چاپ رسید پس از هر مهر (چاپگر رسید بالا لازم است)</translation>
    </message>
    <message>
        <source>CUSTOMER SCANNER (THIS TILL)</source>
        <translation>اسکنر مشتری (این صندوق)</translation>
    </message>
    <message>
        <source>A scanner facing the customer, switched to USB serial mode, checks them in whatever window has focus; the barista&apos;s scanner keeps typing into the search.</source>
        <translation>اسکنری رو به مشتری که روی حالت سریال یواس‌بی گذاشته شده، مشتری را هر پنجره‌ای که فعال باشد وارد می‌کند؛ اسکنر باریستا همچنان در جستجو تایپ می‌کند.</translation>
    </message>
    <message>
        <source>None (it types like a keyboard)</source>
        <translation>هیچ (مثل صفحه‌کلید تایپ می‌کند)</translation>
    </message>
    <message>
        <source>Serial port</source>
        <translation>درگاه سریال</translation>
    </message>
    <message>
        <source>Save the counter sign…</source>
        <translation>ذخیرهٔ تابلوی پیشخوان…</translation>
    </message>
    <message>
        <source>An A5 sign in English and Persian, as PDF or PNG</source>
        <translation>تابلوی A5 به فارسی و انگلیسی، به صورت PDF یا PNG</translation>
    </message>
    <message>
        <source>Test from your phone…</source>
        <translation>آزمایش با گوشی خودتان…</translation>
    </message>
    <message>
        <source>Check that a phone on the guests&apos; Wi-Fi reaches the page</source>
        <translation>ببینید گوشی‌ای روی وای‌فای مهمان‌ها به صفحه می‌رسد یا نه</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>ذخیره</translation>
    </message>
    <message>
        <source> s</source>
        <translation> ثانیه</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>خاموش</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>ذخیره شد.</translation>
    </message>
    <message>
        <source>Turn on the phone page and save first, then test it.</source>
        <translation>اول صفحهٔ گوشی را روشن و ذخیره کنید، بعد آزمایش کنید.</translation>
    </message>
    <message>
        <source>Save the counter sign</source>
        <translation>ذخیرهٔ تابلوی پیشخوان</translation>
    </message>
    <message>
        <source>Saved {0}.</source>
        <translation>{0} ذخیره شد.</translation>
    </message>
</context>
<context>
    <name>DisplayLink</name>
    <message>
        <source>Show on {0} ({1} × {2})</source>
        <translation>نمایش روی {0} ({1} × {2})</translation>
    </message>
    <message>
        <source>this screen</source>
        <translation>این صفحه</translation>
    </message>
    <message>
        <source>Close the customer display</source>
        <translation>بستن نمایشگر مشتری</translation>
    </message>
    <message>
        <source>Text size on this till</source>
        <translation>اندازهٔ متن در این صندوق</translation>
    </message>
    <message>
        <source>The customer scanner on {0} cannot be read ({1}). Check its cable.</source>
        <translation>اسکنر مشتری روی {0} خوانده نمی‌شود ({1}). سیمش را بررسی کنید.</translation>
    </message>
    <message>
        <source>Customer display</source>
        <translation>نمایشگر مشتری</translation>
    </message>
    <message>
        <source>The customer display will cover the till on this screen.</source>
        <translation>نمایشگر مشتری روی این صفحه، صندوق را می‌پوشاند.</translation>
    </message>
    <message>
        <source>To come back to the till, press Esc, {0}, or the × in the display&apos;s corner.</source>
        <translation>برای برگشتن به صندوق، Esc یا {0} را بزنید، یا × گوشهٔ نمایشگر را.</translation>
    </message>
    <message>
        <source>Show it here</source>
        <translation>همین‌جا نشان بده</translation>
    </message>
    <message>
        <source>{0} checked in.</source>
        <translation>{0} وارد شد.</translation>
    </message>
    <message>
        <source>{0} checked in and is waiting.</source>
        <translation>{0} وارد شد و منتظر است.</translation>
    </message>
</context>
<context>
    <name>ExperimentBox</name>
    <message>
        <source>A</source>
        <translation>الف</translation>
    </message>
    <message>
        <source>B</source>
        <translation>ب</translation>
    </message>
    <message>
        <source>{0} slots, {1} given</source>
        <translation>{0} خانه، {1} هدیه</translation>
    </message>
    <message>
        <source>TEST THE HEAD START</source>
        <translation>آزمایش مهرهای هدیه</translation>
    </message>
    <message>
        <source>Test the head start…</source>
        <translation>آزمایش مهرهای هدیه…</translation>
    </message>
    <message>
        <source>How this is decided</source>
        <translation>این چطور تصمیم گرفته می‌شود</translation>
    </message>
    <message>
        <source>Export cards…</source>
        <translation>خروجی کارت‌ها…</translation>
    </message>
    <message>
        <source>End the test</source>
        <translation>پایان آزمایش</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>انصراف</translation>
    </message>
    <message>
        <source>End, keep {0} ({1})…</source>
        <translation>پایان، نگه‌داشتن {0} ({1})…</translation>
    </message>
    <message>
        <source>Does the head start work here? Give half of your new regulars a card with stamps already given and half a blank one, and see which is finished more often.</source>
        <translation>آیا مهرهای هدیه در کافهٔ شما اثر دارد؟ به نیمی از مشتریان تازه کارتی با چند مهر هدیه و به نیمی کارت خالی بدهید و ببینید کدام بیشتر تمام می‌شود.</translation>
    </message>
    <message>
        <source>Running since {0}. Planned: {1} regulars in each design; so far {2} and {3}.</source>
        <translation>در جریان از {0}. برنامه: {1} مشتری در هر طرح؛ تاکنون {2} و {3}.</translation>
    </message>
    <message>
        <source>At your pace, the answer is about {0} months away.</source>
        <translation>با روند کافهٔ شما، پاسخ حدود {0} ماه دیگر آماده است.</translation>
    </message>
    <message>
        <source>No new regulars lately: the test waits for them.</source>
        <translation>این اواخر مشتری ثابت تازه‌ای نیامده: آزمایش منتظر آن‌هاست.</translation>
    </message>
    <message>
        <source>Ended {0}. New cards use {1}.</source>
        <translation>پایان در {0}. کارت‌های تازه: {1}.</translation>
    </message>
    <message>
        <source>How it is judged: each regular&apos;s first card counts once, finished if the reward came within {0} days of issue; younger cards are still running and count neither way. The number of regulars was planned at the start: {1} per design finds a difference of {2} points 8 times in 10, with a 5% risk of a false win. The verdict uses exactly those cards, once all are judged (a two-proportion test); looking before then cannot make a difference appear. Intervals are 95% Wilson intervals. Stopped early, a difference is declared only if p &lt; 0.001.</source>
        <translation>روش داوری: نخستین کارت هر مشتری یک بار شمرده می‌شود و اگر جایزه در {0} روز پس از صدور گرفته شده باشد تمام‌شده است؛ کارت‌های جوان‌تر هنوز در جریان‌اند و در هیچ طرف شمرده نمی‌شوند. شمار مشتریان از آغاز برنامه‌ریزی شد: {1} نفر در هر طرح، تفاوت {2} واحد درصد را ۸ بار از ۱۰ بار می‌یابد و خطر برندهٔ کاذب ۵٪ است. نتیجه دقیقاً با همین کارت‌ها و پس از داوری همهٔ آن‌ها اعلام می‌شود (آزمون دو نسبت)؛ نگاه‌کردن زودتر تفاوتی نمی‌سازد. بازه‌ها بازهٔ ۹۵٪ ویلسون‌اند. اگر زودتر تمام شود، تفاوت فقط وقتی اعلام می‌شود که احتمال تصادفی‌بودنش کمتر از یک در هزار باشد.</translation>
    </message>
    <message>
        <source>No verdict yet: {0} of the planned cards are still running or yet to be issued.</source>
        <translation>هنوز نتیجه‌ای نیست: {0} کارت از کارت‌های برنامه هنوز در جریان است یا صادر نشده است.</translation>
    </message>
    <message>
        <source>Design {0} works better here: {1} of its cards were finished against {2} ({3} points, 95% interval {4} to {5}).</source>
        <translation>طرح {0} اینجا بهتر است: {1} از کارت‌هایش تمام شد در برابر {2} ({3} واحد درصد، بازهٔ ۹۵٪ از {4} تا {5}).</translation>
    </message>
    <message>
        <source>No difference as large as {0} points: {1} against {2}. Either design will do.</source>
        <translation>تفاوتی به بزرگی {0} واحد درصد نیست: {1} در برابر {2}. هر دو طرح مناسب است.</translation>
    </message>
    <message>
        <source>Stopped early: inconclusive ({0} against {1}).</source>
        <translation>زودتر تمام شد: بی‌نتیجه ({0} در برابر {1}).</translation>
    </message>
    <message>
        <source>The till estimates how long a test takes from how many new regulars join each month: add a few weeks of new regulars first.</source>
        <translation>صندوق مدت آزمایش را از شمار مشتری‌های ثابت تازهٔ هر ماه تخمین می‌زند: اول چند هفته مشتری تازه ثبت کنید.</translation>
    </message>
    <message>
        <source>At your pace (about {0} new regulars a month), a test that can tell a difference of {1} points takes about {2} months: {3} to give out {4} cards, then {5} for the last of them to be finished or not. It then says which card your regulars finish more often.</source>
        <translation>با روند کافهٔ شما (حدود {0} مشتری ثابت تازه در ماه)، آزمایشی که تفاوتی {1} درصدی را تشخیص دهد حدود {2} ماه طول می‌کشد: {3} ماه برای دادن {4} کارت، و بعد {5} ماه تا آخرین آن‌ها پر شوند یا نه. آن وقت می‌گوید مشتری‌هایتان کدام کارت را بیشتر پر می‌کنند.</translation>
    </message>
    <message>
        <source>End the test? From now on every new card is {0}. The results stay here.</source>
        <translation>آزمایش تمام شود؟ از این پس همهٔ کارت‌های تازه {0} خواهند بود. نتیجه‌ها اینجا می‌مانند.</translation>
    </message>
    <message>
        <source>Export the test&apos;s cards</source>
        <translation>خروجی کارت‌های آزمایش</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <source>Feedback from {0}</source>
        <translation>بازخورد {0}</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>ذخیره</translation>
    </message>
    <message>
        <source>What did they say?</source>
        <translation>چه گفت؟</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>نوع</translation>
    </message>
    <message>
        <source>Said</source>
        <translation>گفته</translation>
    </message>
    <message>
        <source>Complaints and ideas stay on their card until someone acts on them.</source>
        <translation>شکایت‌ها و پیشنهادها تا وقتی کسی رسیدگی نکرده روی کارتش می‌مانند.</translation>
    </message>
</context>
<context>
    <name>Field</name>
    <message>
        <source>café name</source>
        <translation>نام کافه</translation>
    </message>
    <message>
        <source>branch name</source>
        <translation>نام شعبه</translation>
    </message>
    <message>
        <source>note</source>
        <translation>یادداشت</translation>
    </message>
    <message>
        <source>first name</source>
        <translation>نام</translation>
    </message>
    <message>
        <source>last name</source>
        <translation>نام خانوادگی</translation>
    </message>
    <message>
        <source>email</source>
        <translation>ایمیل</translation>
    </message>
    <message>
        <source>usual order</source>
        <translation>سفارش همیشگی</translation>
    </message>
    <message>
        <source>allergies</source>
        <translation>حساسیت‌ها</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>یادداشت‌ها</translation>
    </message>
    <message>
        <source>feedback</source>
        <translation>بازخورد</translation>
    </message>
    <message>
        <source>resolution</source>
        <translation>شرح رسیدگی</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>دلیل</translation>
    </message>
    <message>
        <source>item name</source>
        <translation>نام قلم</translation>
    </message>
    <message>
        <source>category</source>
        <translation>دسته</translation>
    </message>
    <message>
        <source>modifiers</source>
        <translation>توضیح سفارش</translation>
    </message>
    <message>
        <source>treat</source>
        <translation>هدیه</translation>
    </message>
    <message>
        <source>Café name</source>
        <translation>نام کافه</translation>
    </message>
    <message>
        <source>Slots on a stamp card</source>
        <translation>خانه‌های کارت مهر</translation>
    </message>
    <message>
        <source>Stamps already filled on a new card</source>
        <translation>مهرهای هدیهٔ کارت تازه</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>جایزه</translation>
    </message>
    <message>
        <source>Reward in Persian</source>
        <translation>جایزه به فارسی</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>پوشهٔ پشتیبان</translation>
    </message>
    <message>
        <source>Daily backups kept</source>
        <translation>پشتیبان‌های روزانهٔ نگه‌داشته</translation>
    </message>
    <message>
        <source>Weekly backups kept</source>
        <translation>پشتیبان‌های هفتگی نگه‌داشته</translation>
    </message>
    <message>
        <source>Monthly backups kept</source>
        <translation>پشتیبان‌های ماهانهٔ نگه‌داشته</translation>
    </message>
    <message>
        <source>Minutes between two stamps on one card</source>
        <translation>فاصلهٔ دو مهر روی یک کارت (دقیقه)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>زبان</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>رنگ‌ها</translation>
    </message>
    <message>
        <source>Card web address (with {code})</source>
        <translation>نشانی وب کارت (با {code})</translation>
    </message>
    <message>
        <source>Print first names on cards</source>
        <translation>چاپ نام روی کارت‌ها</translation>
    </message>
    <message>
        <source>Logo image for cards</source>
        <translation>تصویر نشان کارت‌ها</translation>
    </message>
    <message>
        <source>Remind to back up after this many days</source>
        <translation>یادآوری پشتیبان پس از این چند روز</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>منطقهٔ زمانی</translation>
    </message>
    <message>
        <source>Country of phone numbers (e.g. IR, DE)</source>
        <translation>کشورِ شماره‌های تلفن (مثل IR یا DE)</translation>
    </message>
    <message>
        <source>Days a card has to be finished</source>
        <translation>روزهای فرصت تمام‌کردن کارت</translation>
    </message>
    <message>
        <source>Head start plus carried stamps</source>
        <translation>هدیهٔ شروع به‌علاوهٔ مهرهای کارت کاغذی</translation>
    </message>
    <message>
        <source>Days between two treats for one regular</source>
        <translation>فاصلهٔ دو هدیه برای یک مشتری (روز)</translation>
    </message>
    <message>
        <source>Minutes after serving to check back (0: never)</source>
        <translation>دقیقه‌های پس از سرو تا پیگیری (۰: هرگز)</translation>
    </message>
    <message>
        <source>Minutes a check-back waits before it is dropped</source>
        <translation>دقیقه‌هایی که پیگیری می‌ماند و سپس کنار می‌رود</translation>
    </message>
    <message>
        <source>Café phone</source>
        <translation>تلفن کافه</translation>
    </message>
    <message>
        <source>Café email</source>
        <translation>ایمیل کافه</translation>
    </message>
    <message>
        <source>Café address</source>
        <translation>نشانی کافه</translation>
    </message>
    <message>
        <source>Social handle 1 (e.g. Instagram @cafe)</source>
        <translation>شبکهٔ اجتماعی ۱ (مثلاً اینستاگرام)</translation>
    </message>
    <message>
        <source>Social handle 2</source>
        <translation>شبکهٔ اجتماعی ۲</translation>
    </message>
    <message>
        <source>Social handle 3</source>
        <translation>شبکهٔ اجتماعی ۳</translation>
    </message>
    <message>
        <source>Name on the customer display</source>
        <translation>نام روی نمایشگر مشتری</translation>
    </message>
    <message>
        <source>Birthday greeting on the customer display</source>
        <translation>تبریک تولد روی نمایشگر مشتری</translation>
    </message>
    <message>
        <source>Newest menu item on the customer display</source>
        <translation>تازه‌ترین قلم منو روی نمایشگر مشتری</translation>
    </message>
    <message>
        <source>Seconds without a customer before the display rests</source>
        <translation>ثانیه‌های بی‌مشتری پیش از استراحت نمایشگر</translation>
    </message>
    <message>
        <source>Seconds the display keeps a customer after they are done</source>
        <translation>ثانیه‌هایی که نمایشگر مشتری را پس از پایان نگه می‌دارد</translation>
    </message>
    <message>
        <source>Check in by phone number on the customer display</source>
        <translation>ورود با شمارهٔ تلفن روی نمایشگر مشتری</translation>
    </message>
    <message>
        <source>Reduce motion</source>
        <translation>کاهش حرکت</translation>
    </message>
    <message>
        <source>Phone page on the café Wi-Fi</source>
        <translation>صفحهٔ گوشی روی وای‌فای کافه</translation>
    </message>
    <message>
        <source>Network address the phone page listens on</source>
        <translation>نشانی شبکه‌ای که صفحهٔ گوشی روی آن است</translation>
    </message>
    <message>
        <source>Port of the phone page</source>
        <translation>درگاه صفحهٔ گوشی</translation>
    </message>
    <message>
        <source>Fixed address of the phone page</source>
        <translation>نشانی ثابت صفحهٔ گوشی</translation>
    </message>
    <message>
        <source>name</source>
        <translation>نام</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>تلفن</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Cancel</source>
        <translation>انصراف</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>New card, {0} stamps head start</source>
        <translation>کارت تازه، {0} مهر هدیه</translation>
    </message>
    <message>
        <source>{0} stamps carried over from a paper card</source>
        <translation>{0} مهر از کارت کاغذی آورده شد</translation>
    </message>
    <message>
        <source>Reward: {0}</source>
        <translation>جایزه: {0}</translation>
    </message>
    <message>
        <source>Stamp</source>
        <translation>مهر</translation>
    </message>
    <message>
        <source> (guard overridden)</source>
        <translation> (با وجود هشدار)</translation>
    </message>
    <message>
        <source> (added later, from a paper log)</source>
        <translation> (بعداً ثبت شد، از دفتر کاغذی)</translation>
    </message>
    <message>
        <source>Undone: {0}</source>
        <translation>برگردانده شد: {0}</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>برگردانده</translation>
    </message>
    <message>
        <source>merged into another regular: the head start is not counted twice</source>
        <translation>در مشتری دیگری ادغام شد: هدیهٔ شروع دو بار حساب نمی‌شود</translation>
    </message>
    <message>
        <source>paper card stamps instead of the head start</source>
        <translation>مهرهای کارت کاغذی به جای هدیهٔ شروع</translation>
    </message>
    <message>
        <source>a duplicate&apos;s card, merged into this regular</source>
        <translation>کارت یک رکورد تکراری که در این مشتری ادغام شد</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import regulars</source>
        <translation>وارد کردن مشتری‌های ثابت</translation>
    </message>
    <message>
        <source>No file chosen yet.</source>
        <translation>هنوز فایلی انتخاب نشده.</translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation>انتخاب فایل…</translation>
    </message>
    <message>
        <source>CSV, Excel (XLSX, XLS) or OpenDocument (ODS): a list typed by hand, or a customer export from Loyverse or Square. Nothing is written until you press Import.</source>
        <translation>CSV، اکسل (XLSX و XLS) یا ODS: فهرستی که دستی نوشته شده، یا خروجی مشتری‌ها از صندوق‌های دیگر. تا دکمهٔ «وارد کن» را نزنید چیزی ذخیره نمی‌شود.</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>تشخیص خودکار</translation>
    </message>
    <message>
        <source>Text encoding (CSV)</source>
        <translation>رمزگذاری متن (CSV)</translation>
    </message>
    <message>
        <source>Leave them as they are</source>
        <translation>همان‌طور که هستند بمانند</translation>
    </message>
    <message>
        <source>Fill in their empty fields</source>
        <translation>خانه‌های خالی‌شان پر شود</translation>
    </message>
    <message>
        <source>Add them anyway</source>
        <translation>به هر حال اضافه شوند</translation>
    </message>
    <message>
        <source>Regulars already here</source>
        <translation>مشتری‌هایی که از قبل هستند</translation>
    </message>
    <message>
        <source>Ask (reject dates like 03/04/1990)</source>
        <translation>بپرس (تاریخ‌هایی مثل ۰۳/۰۴/۱۹۹۰ رد شوند)</translation>
    </message>
    <message>
        <source>Day first (03/04 is 3 April)</source>
        <translation>اول روز (۰۳/۰۴ یعنی ۳ آوریل)</translation>
    </message>
    <message>
        <source>Month first (03/04 is 4 March)</source>
        <translation>اول ماه (۰۳/۰۴ یعنی ۴ مارس)</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>تاریخ‌ها</translation>
    </message>
    <message>
        <source>COLUMNS</source>
        <translation>ستون‌ها</translation>
    </message>
    <message>
        <source>AS THEY WILL BE STORED</source>
        <translation>همان‌طور که ذخیره می‌شوند</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>سطر</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>نام کوچک</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>نام خانوادگی</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>تلفن</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>ایمیل</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>تولد</translation>
    </message>
    <message>
        <source>Stamps</source>
        <translation>مهرها</translation>
    </message>
    <message>
        <source>ALREADY HERE</source>
        <translation>از قبل هستند</translation>
    </message>
    <message>
        <source>In the file</source>
        <translation>در فایل</translation>
    </message>
    <message>
        <source>Here</source>
        <translation>اینجا</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>چه می‌شود</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>بماند</translation>
    </message>
    <message>
        <source>Fill in</source>
        <translation>پر شود</translation>
    </message>
    <message>
        <source>Add anyway</source>
        <translation>به هر حال اضافه شود</translation>
    </message>
    <message>
        <source>For the chosen row only</source>
        <translation>فقط برای ردیف انتخاب‌شده</translation>
    </message>
    <message>
        <source>REJECTED</source>
        <translation>ردشده‌ها</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>ستون</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>مقدار</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>چرا</translation>
    </message>
    <message>
        <source>Save rejected rows…</source>
        <translation>ذخیرهٔ ردیف‌های ردشده…</translation>
    </message>
    <message>
        <source>A CSV of the rejected rows and why: fix them and import it</source>
        <translation>فایل CSV ردیف‌های ردشده و دلیلشان: اصلاحشان کنید و دوباره واردش کنید</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>توقف</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>بستن</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>وارد کن</translation>
    </message>
    <message>
        <source>Choose the list of regulars</source>
        <translation>انتخاب فهرست مشتری‌های ثابت</translation>
    </message>
    <message>
        <source>Spreadsheets (*.csv *.txt *.xlsx *.xls *.ods)</source>
        <translation>صفحه‌گسترده‌ها (*.csv *.txt *.xlsx *.xls *.ods)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>همهٔ فایل‌ها (*)</translation>
    </message>
    <message>
        <source>{0} rows: {1} to add, {2} to fill in, {3} already here and left, {4} rejected, {5} with a field left empty.</source>
        <translation>{0} ردیف: {1} برای افزودن، {2} برای تکمیل، {3} از قبل هست و دست نمی‌خورد، {4} رد شده، {5} با یک خانهٔ خالی‌مانده.</translation>
    </message>
    <message>
        <source>Read as {0}.</source>
        <translation>با {0} خوانده شد.</translation>
    </message>
    <message>
        <source>left as it is</source>
        <translation>همان‌طور می‌ماند</translation>
    </message>
    <message>
        <source>empty fields filled in</source>
        <translation>خانه‌های خالی پر می‌شود</translation>
    </message>
    <message>
        <source>added anyway</source>
        <translation>به هر حال اضافه می‌شود</translation>
    </message>
    <message>
        <source>Imported without it: {0}</source>
        <translation>بدون این خانه وارد شد: {0}</translation>
    </message>
    <message>
        <source>Full name (split at the first space)</source>
        <translation>نام کامل (در اولین فاصله جدا می‌شود)</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>یادداشت‌ها</translation>
    </message>
    <message>
        <source>Allergies</source>
        <translation>حساسیت‌ها</translation>
    </message>
    <message>
        <source>Stamps on a paper card</source>
        <translation>مهرهای کارت کاغذی</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>(وارد نمی‌شود)</translation>
    </message>
    <message>
        <source>Field for the column {0}</source>
        <translation>خانه برای ستون {0}</translation>
    </message>
    <message>
        <source>Choose a row in the list of regulars already here.</source>
        <translation>ردیفی را در فهرست مشتری‌های موجود انتخاب کنید.</translation>
    </message>
    <message>
        <source>Imported: {0} added, {1} filled in, {2} rejected. It can be undone from the Regulars tab.</source>
        <translation>وارد شد: {0} افزوده، {1} تکمیل، {2} رد شد. از زبانهٔ مشتری‌های ثابت می‌شود برش گرداند.</translation>
    </message>
    <message>
        <source>Save the rejected rows</source>
        <translation>ذخیرهٔ ردیف‌های ردشده</translation>
    </message>
    <message>
        <source>Saved {0}. Fix the rows and import that file.</source>
        <translation>{0} ذخیره شد. ردیف‌ها را اصلاح کنید و همان فایل را وارد کنید.</translation>
    </message>
</context>
<context>
    <name>Keyboard</name>
    <message>
        <source>Persian</source>
        <translation>فارسی</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>عربی</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>روسی</translation>
    </message>
    <message>
        <source>German</source>
        <translation>آلمانی</translation>
    </message>
    <message>
        <source>French</source>
        <translation>فرانسوی</translation>
    </message>
</context>
<context>
    <name>MenuTab</name>
    <message>
        <source>coffee, tea, cake…</source>
        <translation>قهوه، چای، کیک…</translation>
    </message>
    <message>
        <source>New item</source>
        <translation>قلم تازه</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>دسته</translation>
    </message>
    <message>
        <source>Take off the menu</source>
        <translation>برداشتن از منو</translation>
    </message>
    <message>
        <source>Add to menu</source>
        <translation>افزودن به منو</translation>
    </message>
    <message>
        <source>added {0}</source>
        <translation>افزوده در {0}</translation>
    </message>
    <message>
        <source>{0} is on the menu; regulars who have not had it will be offered it.</source>
        <translation>{0} به منو آمد؛ به مشتری‌هایی که امتحانش نکرده‌اند پیشنهاد می‌شود.</translation>
    </message>
    <message>
        <source>Choose an item first.</source>
        <translation>اول یک قلم را انتخاب کنید.</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merged: {0} stamp(s) moved; the card is {1} of {2}.</source>
        <translation>ادغام شد: {0} مهر منتقل شد؛ کارت {1} از {2} است.</translation>
    </message>
    <message>
        <source>Merge a duplicate into {0}</source>
        <translation>ادغام یک پروندهٔ تکراری در {0}</translation>
    </message>
    <message>
        <source>Find the other record of {0}. Every earned stamp, visit, reward, feedback and treat moves to {0}; the head start is not counted twice; if the stamps fill the card it is ready to redeem and the rest start the next card. The other printed card will open {0}.</source>
        <translation>پروندهٔ دیگر {0} را پیدا کنید. همهٔ مهرهای گرفته‌شده، مراجعه‌ها، جایزه‌ها، بازخوردها و پذیرایی‌ها به {0} منتقل می‌شوند؛ هدیهٔ شروع دو بار حساب نمی‌شود؛ اگر مهرها کارت را پر کنند، جایزه آماده است و باقی کارت بعدی را شروع می‌کنند. کارت چاپی دیگر هم {0} را باز خواهد کرد.</translation>
    </message>
    <message>
        <source>Search a name, phone or card code…</source>
        <translation>جستجوی نام، تلفن یا کد کارت…</translation>
    </message>
    <message>
        <source>Search the other record</source>
        <translation>جست‌وجوی پروندهٔ دیگر</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>انصراف</translation>
    </message>
    <message>
        <source>Merge into {0}</source>
        <translation>ادغام در {0}</translation>
    </message>
    <message>
        <source>Choose the other record first.</source>
        <translation>اول پروندهٔ دیگر را انتخاب کنید.</translation>
    </message>
</context>
<context>
    <name>MergePreviewDialog</name>
    <message>
        <source>Merge two records of one regular</source>
        <translation>ادغام دو رکورد از یک مشتری ثابت</translation>
    </message>
    <message>
        <source>KEEP</source>
        <translation>نگه داشته می‌شود</translation>
    </message>
    <message>
        <source>MERGE INTO IT</source>
        <translation>در آن ادغام می‌شود</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>نام</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>تلفن</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>یادداشت‌ها</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(خالی)</translation>
    </message>
    <message>
        <source>Both, joined</source>
        <translation>هر دو، کنار هم</translation>
    </message>
    <message>
        <source>THE CARD AFTERWARDS</source>
        <translation>کارت پس از ادغام</translation>
    </message>
    <message>
        <source>{0} stamp(s) move to this card ({1} of {2}).</source>
        <translation>{0} مهر به این کارت می‌آید ({1} از {2}).</translation>
    </message>
    <message>
        <source>{0} more start the next card.</source>
        <translation>{0} مهر دیگر کارت بعدی را شروع می‌کند.</translation>
    </message>
    <message>
        <source>Visits, rewards, feedback and treats move too; the head start is counted once; the other printed card opens this regular from now on.</source>
        <translation>بازدیدها، جایزه‌ها، نظرها و هدیه‌ها هم منتقل می‌شوند؛ هدیهٔ شروع یک بار حساب می‌شود؛ کارت چاپی دیگر از این پس این مشتری را باز می‌کند.</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>ادغام</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <source>Something went wrong and nothing was saved: {0}</source>
        <extracomment>A person-facing error no caller handled (a ``CafeError`` message or a bug report). Something was written: carries the :class:`~cafe_loyalty.changes.Changes`; each screen refreshes the part it shows, if touched. The database turned out damaged (any read or write found it so): offer a snapshot. A read for the screen found the database server away (a till of several, issue #18). ``(done, total)`` from a call made with ``progress=True`` (see :meth:`run`).</extracomment>
        <translation>مشکلی پیش آمد و چیزی ذخیره نشد: {0}</translation>
    </message>
</context>
<context>
    <name>OwnerAccess</name>
    <message>
        <source>The backup was restored.</source>
        <translation>پشتیبان بازگردانده شد.</translation>
    </message>
</context>
<context>
    <name>OwnerDialog</name>
    <message>
        <source>{0} customers, {1} stamps, {2} rewards</source>
        <translation>{0} مشتری، {1} مهر، {2} جایزه</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>مدیر</translation>
    </message>
    <message>
        <source>Owner · {0}</source>
        <translation>مدیر — {0}</translation>
    </message>
    <message>
        <source>No owner PIN is set: anyone at the till can open this screen. Set one under Staff.</source>
        <translation>رمز مدیر تعیین نشده: هر کسی پشت صندوق می‌تواند این صفحه را باز کند. در بخش کارکنان یکی تعیین کنید.</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>پشتیبان</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>تنظیمات</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>کارکنان</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>منو</translation>
    </message>
    <message>
        <source>Regulars</source>
        <translation>مشتری‌های ثابت</translation>
    </message>
    <message>
        <source>Check-backs</source>
        <translation>پیگیری‌ها</translation>
    </message>
    <message>
        <source>Branch manager · {0}</source>
        <translation>مدیر شعبه — {0}</translation>
    </message>
    <message>
        <source>Customer side</source>
        <translation>سمت مشتری</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>کارنامه</translation>
    </message>
    <message>
        <source>Branches</source>
        <translation>شعبه‌ها</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>بستن</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>تغییرهای ذخیره‌نشده</translation>
    </message>
    <message>
        <source>You changed {0} and did not save.</source>
        <translation>در {0} تغییر دادید و ذخیره نکردید.</translation>
    </message>
    <message>
        <source>Save the changes before closing?</source>
        <translation>پیش از بستن، تغییرها ذخیره شوند؟</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>ذخیره</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>کنار گذاشتن تغییرها</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>ادامهٔ ویرایش</translation>
    </message>
</context>
<context>
    <name>PhoneTestDialog</name>
    <message>
        <source>Test from your phone</source>
        <translation>آزمایش با گوشی خودتان</translation>
    </message>
    <message>
        <source>Join the café&apos;s Wi-Fi for guests on your phone (as a customer would), then scan this code with its camera.</source>
        <translation>با گوشی خودتان به وای‌فای مهمان‌های کافه وصل شوید (مثل یک مشتری)، بعد این کد را با دوربین گوشی اسکن کنید.</translation>
    </message>
    <message>
        <source>Test code for your phone</source>
        <translation>کد آزمایشی برای گوشی شما</translation>
    </message>
    <message>
        <source>Waiting for your phone…</source>
        <translation>در انتظار گوشی شما…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>بستن</translation>
    </message>
    <message>
        <source>Your phone reached the till: the phone page works on this network.</source>
        <translation>گوشی شما به صندوق رسید: صفحهٔ گوشی در این شبکه کار می‌کند.</translation>
    </message>
    <message>
        <source>Nothing has arrived from your phone. Most likely the router keeps guests on the Wi-Fi from reaching other devices (“client isolation” or “AP isolation” on the guest network). Change one of these: turn client isolation off for the guest network in the router&apos;s settings; or connect the till to the guests&apos; Wi-Fi; or give the till a fixed address on the guest network and enter it under Fixed address. Then test again.</source>
        <translation>چیزی از گوشی شما نرسید. به احتمال زیاد مودم نمی‌گذارد مهمان‌های وای‌فای به دستگاه‌های دیگر برسند («جداسازی کاربران» در شبکهٔ مهمان). یکی از این‌ها را تغییر دهید: جداسازی کاربران را در تنظیمات مودم برای شبکهٔ مهمان خاموش کنید؛ یا صندوق را به وای‌فای مهمان‌ها وصل کنید؛ یا به صندوق یک نشانی ثابت در شبکهٔ مهمان بدهید و آن را در «نشانی ثابت» بنویسید. بعد دوباره آزمایش کنید.</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Owner PIN</source>
        <translation>رمز مدیر</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>باز کردن</translation>
    </message>
    <message>
        <source>4 to 12 digits</source>
        <translation>۴ تا ۱۲ رقم</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>رمز</translation>
    </message>
</context>
<context>
    <name>PinPair</name>
    <message>
        <source>The same PIN again</source>
        <translation>همان رمز دوباره</translation>
    </message>
    <message>
        <source>The two PINs are not the same. Type the PIN again in both fields.</source>
        <translation>دو رمز یکی نیستند. رمز را دوباره در هر دو جا بنویسید.</translation>
    </message>
</context>
<context>
    <name>ProgrammeTab</name>
    <message>
        <source>Working it out…</source>
        <translation>در حال حساب کردن…</translation>
    </message>
    <message>
        <source>VISITS, WEEK BY WEEK</source>
        <translation>مراجعه‌ها، هفته به هفته</translation>
    </message>
    <message>
        <source>Cards of the last year and a half</source>
        <translation>کارت‌های یک سال و نیم اخیر</translation>
    </message>
    <message>
        <source>Cards of the last three years</source>
        <translation>کارت‌های سه سال اخیر</translation>
    </message>
    <message>
        <source>All cards</source>
        <translation>همهٔ کارت‌ها</translation>
    </message>
    <message>
        <source>Which branch</source>
        <translation>کدام شعبه</translation>
    </message>
    <message>
        <source>Which cards</source>
        <translation>کدام کارت‌ها</translation>
    </message>
    <message>
        <source>A visit is a purchase stamp or a recorded order. Came back: of the regulars who came in the 30 days before, how many came again in the last 30. Cards finished: a card is judged once it is as old as the finishing time (Settings); it counts as finished if its reward came within that time. Younger cards are still running and count neither way.</source>
        <translation>هر مراجعه یک مهر خرید یا سفارش ثبت‌شده است. بازگشت: از مشتریانی که در ۳۰ روز پیش از آن آمدند، چند نفر در ۳۰ روز اخیر دوباره آمدند. کارت‌های تمام‌شده: هر کارت وقتی داوری می‌شود که به اندازهٔ فرصت تمام‌کردن (تنظیمات) عمر کرده باشد؛ اگر جایزه‌اش در این فرصت گرفته شده باشد تمام‌شده است. کارت‌های جوان‌تر هنوز در جریان‌اند و در هیچ طرف شمرده نمی‌شوند.</translation>
    </message>
    <message>
        <source>The whole chain</source>
        <translation>کل زنجیره</translation>
    </message>
    <message>
        <source>of {0} judged cards finished within {1} days (95% interval {2}–{3}); {4} still running. The study: {5} with a head start, {6} with a blank card.</source>
        <translation>از {0} کارت داوری‌شده در {1} روز تمام شد (بازهٔ ۹۵٪: {2} تا {3})؛ {4} کارت هنوز در جریان است. در پژوهش: {5} با مهر هدیه، {6} با کارت خالی.</translation>
    </message>
    <message>
        <source>Never a second purchase: {0} of judged cards.</source>
        <translation>بدون خرید دوم: {0} از کارت‌های داوری‌شده.</translation>
    </message>
    <message>
        <source>Median {0} days and {1} purchases to the reward.</source>
        <translation>میانه: {0} روز و {1} خرید تا جایزه.</translation>
    </message>
    <message>
        <source>No card has had its {0} days yet; {1} still running.</source>
        <translation>هنوز هیچ کارتی {0} روز فرصتش را نگذرانده است؛ {1} کارت در جریان است.</translation>
    </message>
    <message>
        <source>visits in the last 30 days, {0} rewards given</source>
        <translation>مراجعه در ۳۰ روز اخیر، {0} جایزه داده شد</translation>
    </message>
    <message>
        <source>of your {1} regulars bought something in the last 30 days; {0} joined in that time</source>
        <translation>از {1} مشتری ثابت شما در ۳۰ روز گذشته خرید کردند؛ {0} نفر در همین مدت تازه آمدند</translation>
    </message>
    <message>
        <source>came back: {0} of {1}</source>
        <translation>برگشتند: {0} از {1}</translation>
    </message>
    <message>
        <source>The test has started: new regulars now get design A or B at random. Planned: {0} per design.</source>
        <translation>آزمایش آغاز شد: مشتریان تازه از این پس به‌تصادف طرح الف یا ب می‌گیرند. برنامه: {0} نفر در هر طرح.</translation>
    </message>
    <message>
        <source>The test has ended. New cards use the design you kept.</source>
        <translation>آزمایش تمام شد. کارت‌های تازه طرحی را دارند که نگه داشتید.</translation>
    </message>
    <message>
        <source>Saved {0}.</source>
        <translation>{0} ذخیره شد.</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;جستجو در:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>پرونده‌هایی از &amp;نوع:</translation>
    </message>
</context>
<context>
    <name>RefusedDialog</name>
    <message>
        <source>Stamps to decide</source>
        <translation>مهرهای در انتظار تصمیم</translation>
    </message>
    <message>
        <source>These stamps were made on this till while the server was away. When they were sent, the server refused them: another till had stamped the card meanwhile, or filled it. Add each one after all (it is marked as forced) or drop it. Either way it is kept in the audit log.</source>
        <translation>این مهرها وقتی سرور در دسترس نبود روی این صندوق زده شدند. هنگام فرستادن، سرور آن‌ها را نپذیرفت: صندوق دیگری در این فاصله کارت را مهر زده یا پر کرده بود. هر کدام را با این حال بیفزایید (به‌عنوان مهر اجباری علامت می‌خورد) یا کنار بگذارید. در هر دو حالت در گزارش رویدادها می‌ماند.</translation>
    </message>
    <message>
        <source>Refused stamps</source>
        <translation>مهرهای پذیرفته‌نشده</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>بستن</translation>
    </message>
    <message>
        <source>Drop it</source>
        <translation>کنار بگذار</translation>
    </message>
    <message>
        <source>Add it anyway</source>
        <translation>با این حال بیفزا</translation>
    </message>
    <message>
        <source>Choose a stamp first.</source>
        <translation>اول یک مهر را انتخاب کنید.</translation>
    </message>
    <message>
        <source>Added to the card.</source>
        <translation>به کارت افزوده شد.</translation>
    </message>
    <message>
        <source>Dropped; the audit log keeps it.</source>
        <translation>کنار گذاشته شد؛ در گزارش رویدادها می‌ماند.</translation>
    </message>
</context>
<context>
    <name>RegularForms</name>
    <message>
        <source>Already a regular?</source>
        <translation>از قبل مشتری ثابت است؟</translation>
    </message>
    <message>
        <source>{0} is already a regular with this phone, or this name and birthday.</source>
        <translation>{0} با همین تلفن، یا همین نام و تاریخ تولد، از قبل مشتری ثابت است.</translation>
    </message>
    <message>
        <source>Is it the same person?</source>
        <translation>همان کس است؟</translation>
    </message>
    <message>
        <source>Open {0} instead</source>
        <translation>به جایش {0} را باز کن</translation>
    </message>
    <message>
        <source>Add anyway</source>
        <translation>به هر حال اضافه شود</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>انصراف</translation>
    </message>
</context>
<context>
    <name>RegularsTab</name>
    <message>
        <source>BIRTHDAYS IN THE NEXT TWO WEEKS</source>
        <translation>تولدهای دو هفتهٔ آینده</translation>
    </message>
    <message>
        <source>FEEDBACK TO FOLLOW UP</source>
        <translation>بازخوردهای منتظر پیگیری</translation>
    </message>
    <message>
        <source>REGULARS TO WIN BACK</source>
        <translation>مشتری‌هایی که باید برگردند</translation>
    </message>
    <message>
        <source>WHO BRINGS FRIENDS</source>
        <translation>چه کسی دوستانش را می‌آورد</translation>
    </message>
    <message>
        <source>POSSIBLE DUPLICATES</source>
        <translation>پرونده‌های احتمالاً تکراری</translation>
    </message>
    <message>
        <source>Find possible duplicates</source>
        <translation>یافتن پرونده‌های تکراری</translation>
    </message>
    <message>
        <source>Merge…</source>
        <translation>ادغام…</translation>
    </message>
    <message>
        <source>Merge the second regular of the chosen row into the first</source>
        <translation>مشتری دوم ردیف انتخاب‌شده را در اولی ادغام کن</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>نگه‌داشتن</translation>
    </message>
    <message>
        <source>Merge into it</source>
        <translation>ادغام در آن</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>چرا</translation>
    </message>
    <message>
        <source>IMPORTS</source>
        <translation>ورودها</translation>
    </message>
    <message>
        <source>Import regulars…</source>
        <translation>وارد کردن مشتری‌های ثابت…</translation>
    </message>
    <message>
        <source>From a spreadsheet, or the customer export of another till</source>
        <translation>از یک صفحه‌گسترده، یا خروجی مشتری‌های صندوقی دیگر</translation>
    </message>
    <message>
        <source>Undo import…</source>
        <translation>برگرداندن ورود…</translation>
    </message>
    <message>
        <source>When</source>
        <translation>کی</translation>
    </message>
    <message>
        <source>File</source>
        <translation>فایل</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>افزوده شد</translation>
    </message>
    <message>
        <source>Filled in</source>
        <translation>تکمیل‌شده</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>برگردانده</translation>
    </message>
    <message>
        <source>No birthdays coming up.</source>
        <translation>تولدی در پیش نیست.</translation>
    </message>
    <message>
        <source>All dealt with.</source>
        <translation>به همه رسیدگی شده.</translation>
    </message>
    <message>
        <source>{0}: {1} days away (usually every {2})</source>
        <translation>{0}: {1} روز است نیامده (معمولاً هر {2} روز)</translation>
    </message>
    <message>
        <source>…and {0} more (the command line lists them all)</source>
        <translation>…و {0} نفر دیگر (خط فرمان همه را فهرست می‌کند)</translation>
    </message>
    <message>
        <source>Nobody is lapsing.</source>
        <translation>کسی دور نشده است.</translation>
    </message>
    <message numerus="yes">
        <source>{0}: %n friend(s)</source>
        <translation>
            <numerusform>{0}: %Ln دوست</numerusform>
        </translation>
    </message>
    <message>
        <source>No referrals yet.</source>
        <translation>هنوز معرفی‌ای نشده.</translation>
    </message>
    <message>
        <source>Choose an import first.</source>
        <translation>اول یک ورود را انتخاب کنید.</translation>
    </message>
    <message>
        <source>Undo an import</source>
        <translation>برگرداندن یک ورود</translation>
    </message>
    <message>
        <source>Remove the {0} regulars that {1} added, and empty again the fields it filled in? This works only while none of them has been served.</source>
        <translation>{0} مشتری‌ای که {1} افزود حذف شوند و خانه‌هایی که پر کرد دوباره خالی شوند؟ این کار فقط تا وقتی ممکن است که هیچ‌کدامشان خدمت نگرفته باشند.</translation>
    </message>
    <message>
        <source>Import undone: {0} regulars removed.</source>
        <translation>ورود برگردانده شد: {0} مشتری حذف شد.</translation>
    </message>
    <message>
        <source>same phone</source>
        <translation>تلفن یکسان</translation>
    </message>
    <message>
        <source>same name and birthday</source>
        <translation>نام و تولد یکسان</translation>
    </message>
    <message>
        <source>{0} (#{1}, {2} visits)</source>
        <translation>{0} (#{1}، {2} مراجعه)</translation>
    </message>
    <message>
        <source>No possible duplicates found.</source>
        <translation>پروندهٔ تکراری‌ای پیدا نشد.</translation>
    </message>
    <message>
        <source>Choose a pair first.</source>
        <translation>اول یک جفت را انتخاب کنید.</translation>
    </message>
</context>
<context>
    <name>SecretPair</name>
    <message>
        <source>{0} again</source>
        <translation>{0} دوباره</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>تکرار</translation>
    </message>
</context>
<context>
    <name>Sections</name>
    <message>
        <source>Sections</source>
        <translation>بخش‌ها</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Restore from a backup</source>
        <translation>بازگردانی از یک پشتیبان</translation>
    </message>
    <message>
        <source>The backup of {0}: {1} regulars, {2} stamps. Start the till with it?</source>
        <translation>پشتیبانِ {0}: {1} مشتری ثابت، {2} مهر. صندوق با آن شروع شود؟</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>بازگردانی</translation>
    </message>
    <message>
        <source>{0}

There is an automatic snapshot from {1}. Restore it? Anything recorded after it is lost, unless you have a newer backup. The damaged file is kept beside it.</source>
        <translation>{0}

یک نسخهٔ خودکار از {1} هست. بازگردانده شود؟ هر چه پس از آن ثبت شده از دست می‌رود، مگر پشتیبان تازه‌تری داشته باشید. فایل آسیب‌دیده کنارش نگه داشته می‌شود.</translation>
    </message>
    <message>
        <source>{0}

There is no sound automatic snapshot to go back to. Keep working only as needed, then restore a backup from the Owner screen.</source>
        <translation>{0}

هیچ نسخهٔ خودکار سالمی برای بازگشت نیست. فقط به اندازهٔ لازم کار کنید و سپس از صفحهٔ مدیر یک پشتیبان را بازگردانید.</translation>
    </message>
    <message>
        <source>Connected to the server again.</source>
        <translation>دوباره به سرور وصل شد.</translation>
    </message>
    <message>
        <source>The database server cannot be reached (last contact {0}, {1} min ago). Stamps are kept on this till ({2} waiting) and sent when it is back; other changes wait.</source>
        <translation>سرور پایگاه داده در دسترس نیست (آخرین تماس {0}، {1} دقیقه پیش). مهرها روی این صندوق نگه داشته می‌شوند ({2} در انتظار) و وقتی سرور برگشت فرستاده می‌شوند؛ تغییرهای دیگر باید صبر کنند.</translation>
    </message>
    <message>
        <source>Stamps kept on this till were sent: {0} added, {1} refused by the server. The owner decides on those.</source>
        <translation>مهرهای نگه‌داشته روی این صندوق فرستاده شدند: {0} افزوده شد، {1} را سرور نپذیرفت. دربارهٔ آن‌ها مدیر تصمیم می‌گیرد.</translation>
    </message>
    <message>
        <source>Connected again: {0} stamp(s) kept on this till were sent.</source>
        <translation>دوباره وصل شد: {0} مهرِ نگه‌داشته روی این صندوق فرستاده شد.</translation>
    </message>
    <message>
        <source>The database reports damage ({0}).</source>
        <translation>پایگاه داده آسیب دیده است ({0}).</translation>
    </message>
</context>
<context>
    <name>SettingsTab</name>
    <message>
        <source>A new card size or head start applies to cards issued from now on.</source>
        <translation>اندازه یا مهر هدیهٔ تازه برای کارت‌هایی است که از این پس صادر می‌شوند.</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>ذخیرهٔ تنظیمات</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>روشن</translation>
    </message>
    <message>
        <source>Dark (evening)</source>
        <translation>تیره (شب)</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>کنتراست بالا</translation>
    </message>
    <message>
        <source>Print first names on cards</source>
        <translation>چاپ نام روی کارت‌ها</translation>
    </message>
    <message>
        <source> min</source>
        <translation> دقیقه</translation>
    </message>
    <message>
        <source> days</source>
        <translation> روز</translation>
    </message>
    <message>
        <source>This computer&apos;s (or a name such as Asia/Tehran)</source>
        <translation>منطقهٔ این رایانه (یا نامی مانند Asia/Tehran)</translation>
    </message>
    <message>
        <source>Café name</source>
        <translation>نام کافه</translation>
    </message>
    <message>
        <source>Slots on a card</source>
        <translation>خانه‌های هر کارت</translation>
    </message>
    <message>
        <source>Head start (filled at issue)</source>
        <translation>مهر هدیه (پر هنگام صدور)</translation>
    </message>
    <message>
        <source>Reward (in English)</source>
        <translation>جایزه (به انگلیسی)</translation>
    </message>
    <message>
        <source>Reward (in Persian)</source>
        <translation>جایزه (به فارسی)</translation>
    </message>
    <message>
        <source>Double-tap guard</source>
        <translation>فاصلهٔ ایمنی دو مهر</translation>
    </message>
    <message>
        <source>Card web address</source>
        <translation>نشانی وب کارت</translation>
    </message>
    <message>
        <source>Backup reminder</source>
        <translation>یادآوری پشتیبان</translation>
    </message>
    <message>
        <source>Time to finish a card</source>
        <translation>فرصت تمام‌کردن کارت</translation>
    </message>
    <message>
        <source>Check back after (0: never)</source>
        <translation>پیگیری پس از (۰: هرگز)</translation>
    </message>
    <message>
        <source>Drop a check-back after</source>
        <translation>کنار گذاشتن پیگیری پس از</translation>
    </message>
    <message>
        <source>Café phone</source>
        <translation>تلفن کافه</translation>
    </message>
    <message>
        <source>Café email</source>
        <translation>ایمیل کافه</translation>
    </message>
    <message>
        <source>Café address</source>
        <translation>نشانی کافه</translation>
    </message>
    <message>
        <source>Social (e.g. Instagram @cafe)</source>
        <translation>شبکهٔ اجتماعی (مثلاً اینستاگرام)</translation>
    </message>
    <message>
        <source>Social</source>
        <translation>شبکهٔ اجتماعی</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>منطقهٔ زمانی</translation>
    </message>
    <message>
        <source>Country (for phone numbers)</source>
        <translation>کشور (برای شماره‌های تلفن)</translation>
    </message>
    <message>
        <source>Language (the till reopens in it)</source>
        <translation>زبان (صندوق با آن دوباره باز می‌شود)</translation>
    </message>
    <message>
        <source>Colours (the till reopens in them)</source>
        <translation>رنگ‌ها (صندوق با آن‌ها دوباره باز می‌شود)</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>تنظیمات ذخیره شد.</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>Welcome! Let&apos;s set up your café</source>
        <translation>خوش آمدید! کافهٔ شما را راه بیندازیم</translation>
    </message>
    <message>
        <source>Open the till</source>
        <translation>باز کردن صندوق</translation>
    </message>
    <message>
        <source>e.g. Café Shirin</source>
        <translation>مثلاً کافه شیرین</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>اختیاری</translation>
    </message>
    <message>
        <source>Phone numbers are kept as full international numbers for this country</source>
        <translation>شماره‌های تلفن به شکل کامل بین‌المللی برای این کشور نگه داشته می‌شوند</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>کشور</translation>
    </message>
    <message>
        <source>Optional, 4-12 digits</source>
        <translation>اختیاری، ۴ تا ۱۲ رقم</translation>
    </message>
    <message>
        <source>A PIN protects the owner&apos;s screen: settings, backups, staff.</source>
        <translation>رمز از صفحهٔ مدیر محافظت می‌کند: تنظیمات، پشتیبان‌ها، کارکنان.</translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation>بازگردانی از یک پشتیبان…</translation>
    </message>
    <message>
        <source>A new computer for a café that has backups: start from the newest</source>
        <translation>رایانهٔ تازه برای کافه‌ای که پشتیبان دارد: از تازه‌ترین شروع کنید</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>بازگردانی از یک پشتیبان</translation>
    </message>
    <message>
        <source>Backups (*.cafebackup)</source>
        <translation>پشتیبان‌ها (*.cafebackup)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>همهٔ فایل‌ها (*)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>زبان</translation>
    </message>
    <message>
        <source>Café name *</source>
        <translation>نام کافه *</translation>
    </message>
    <message>
        <source>Owner&apos;s name</source>
        <translation>نام مدیر</translation>
    </message>
    <message>
        <source>Owner PIN</source>
        <translation>رمز مدیر</translation>
    </message>
</context>
<context>
    <name>StaffTab</name>
    <message>
        <source>Barista</source>
        <translation>باریستا</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>مدیر</translation>
    </message>
    <message>
        <source>Owners need one; baristas don&apos;t</source>
        <translation>مدیر لازم دارد؛ باریستا نه</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>نام</translation>
    </message>
    <message>
        <source>Branch manager</source>
        <translation>مدیر شعبه</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>نقش</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>شعبه</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>رمز</translation>
    </message>
    <message>
        <source>Set PIN of selected</source>
        <translation>تعیین رمز برای انتخاب‌شده</translation>
    </message>
    <message>
        <source>Add staff member</source>
        <translation>افزودن همکار</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>مدیر</translation>
    </message>
    <message>
        <source>barista</source>
        <translation>باریستا</translation>
    </message>
    <message>
        <source>branch manager</source>
        <translation>مدیر شعبه</translation>
    </message>
    <message>
        <source>{0} added.</source>
        <translation>{0} افزوده شد.</translation>
    </message>
    <message>
        <source>Choose someone in the list first.</source>
        <translation>اول کسی را در فهرست انتخاب کنید.</translation>
    </message>
    <message>
        <source>PIN set for {0}.</source>
        <translation>رمز {0} تعیین شد.</translation>
    </message>
</context>
<context>
    <name>StampCardWidget</name>
    <message>
        <source>{0} of {1} stamps</source>
        <translation>{0} از {1} مهر</translation>
    </message>
    <message>
        <source>{0} of them head start</source>
        <translation>{0} از آن‌ها مهر هدیه</translation>
    </message>
    <message>
        <source>the reward is ready</source>
        <translation>جایزه آماده است</translation>
    </message>
</context>
<context>
    <name>StartDialog</name>
    <message>
        <source>Test the head start</source>
        <translation>آزمایش مهرهای هدیه</translation>
    </message>
    <message>
        <source>From now on, each new regular gets one of two cards at random and keeps that design for every card until the test ends. Regulars who already have a card are not in it. Both designs must need the same purchases to the reward.</source>
        <translation>از این پس هر مشتری تازه به‌تصادف یکی از دو کارت را می‌گیرد و تا پایان آزمایش همهٔ کارت‌هایش همان طرح را دارند. مشتریانی که پیش‌تر کارت دارند در آزمایش نیستند. هر دو طرح باید تا جایزه به یک تعداد خرید نیاز داشته باشند.</translation>
    </message>
    <message>
        <source>Design {0}: slots</source>
        <translation>طرح {0}: خانه‌ها</translation>
    </message>
    <message>
        <source>Design {0}: stamps given</source>
        <translation>طرح {0}: مهرهای هدیه</translation>
    </message>
    <message>
        <source>slots, of them given:</source>
        <translation>خانه، از آن‌ها هدیه:</translation>
    </message>
    <message>
        <source>Design {0}</source>
        <translation>طرح {0}</translation>
    </message>
    <message>
        <source> points</source>
        <translation> واحد درصد</translation>
    </message>
    <message>
        <source>Smallest difference worth finding</source>
        <translation>کوچک‌ترین تفاوتِ ارزشمند</translation>
    </message>
    <message>
        <source>Start the test</source>
        <translation>شروع آزمایش</translation>
    </message>
</context>
<context>
    <name>StatusStrips</name>
    <message>
        <source>Backups could not be written to {0} since {1}.</source>
        <translation>از {1} پشتیبان‌ها در {0} نوشته نشده‌اند.</translation>
    </message>
    <message>
        <source>Check the stick or the network folder: the last backup is getting old.</source>
        <translation>فلش یا پوشهٔ شبکه را بررسی کنید: آخرین پشتیبان کهنه می‌شود.</translation>
    </message>
    <message>
        <source>No backup yet. Export one and keep it away from this computer.</source>
        <translation>هنوز پشتیبانی نیست. یکی بگیرید و جایی غیر از این رایانه نگه دارید.</translation>
    </message>
    <message numerus="yes">
        <source>The last backup was %n day(s) ago. Time for this month&apos;s.</source>
        <translation>
            <numerusform>آخرین پشتیبان %Ln روز پیش بود. وقت پشتیبان این ماه است.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stamp(s) made while the server was away were refused when sent. The owner decides.</source>
        <translation>
            <numerusform>%Ln مهر که وقتی سرور در دسترس نبود زده شد، هنگام فرستادن پذیرفته نشد. مدیر تصمیم می‌گیرد.</numerusform>
        </translation>
    </message>
    <message>
        <source>Today&apos;s automatic snapshot failed: {0}</source>
        <translation>نسخهٔ خودکار امروز ناموفق بود: {0}</translation>
    </message>
</context>
<context>
    <name>TillWindow</name>
    <message>
        <source>{0} · Loyalty till</source>
        <extracomment>The regular on the panel (an id), or ``None`` when the panel closed: the customer display follows this.</extracomment>
        <translation>{0} — صندوق وفاداری</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>همین حالا پشتیبان بگیر</translation>
    </message>
    <message>
        <source>Decide…</source>
        <translation>تصمیم…</translation>
    </message>
    <message>
        <source>Regulars</source>
        <translation>مشتری‌های ثابت</translation>
    </message>
    <message>
        <source>Tap a regular to see their card.

Or scan their card.</source>
        <translation>روی یک مشتری بزنید تا کارتش را ببینید.

یا کارتش را بخوانید.</translation>
    </message>
    <message>
        <source>No regular matches “{0}”</source>
        <translation>مشتری‌ای با «{0}» پیدا نشد</translation>
    </message>
    <message>
        <source>Check the spelling, or add them now.</source>
        <translation>املا را بررسی کنید یا همین حالا اضافه‌اش کنید.</translation>
    </message>
    <message>
        <source>Add “{0}” as a new regular</source>
        <translation>افزودن «{0}» به‌عنوان مشتری تازه</translation>
    </message>
    <message>
        <source>Add your first regular</source>
        <translation>نخستین مشتری ثابت را اضافه کنید</translation>
    </message>
    <message>
        <source>Regulars get a stamp card with a head start.
Tap below when one is at the counter.</source>
        <translation>مشتری‌های ثابت کارت مهری می‌گیرند که چند مهر هدیه دارد.
وقتی یکی پشت پیشخوان است، دکمهٔ زیر را بزنید.</translation>
    </message>
    <message>
        <source>Thanks: noted.</source>
        <translation>سپاس: ثبت شد.</translation>
    </message>
    <message>
        <source>Noted. It is on the owner&apos;s list to follow up.</source>
        <translation>ثبت شد. در فهرست پیگیری مدیر است.</translation>
    </message>
    <message>
        <source>Name, phone or code…</source>
        <translation>نام، تلفن یا کد…</translation>
    </message>
    <message>
        <source>Search…</source>
        <translation>جستجو…</translation>
    </message>
    <message>
        <source>{0} was forgotten: their personal data is erased.</source>
        <translation>{0} فراموش شد: اطلاعات شخصی‌اش پاک شد.</translation>
    </message>
    <message>
        <source>The old text could not be wiped from the file&apos;s free space yet (the disk is full or another program is reading it); the till finishes that by itself at its next maintenance pass.</source>
        <translation>متن قدیمی هنوز از فضای آزاد پرونده پاک نشد (دیسک پر است یا برنامهٔ دیگری آن را می‌خواند)؛ صندوق در نوبت نگهداری بعدی خودش این کار را تمام می‌کند.</translation>
    </message>
    <message>
        <source>Erased from {0} snapshot(s) on this computer.</source>
        <translation>از {0} نسخهٔ روزانهٔ این رایانه هم پاک شد.</translation>
    </message>
    <message>
        <source>{0} snapshot(s) that could not be rewritten were deleted.</source>
        <translation>{0} نسخه که بازنویسی نشد حذف شد.</translation>
    </message>
    <message>
        <source>Search a name, phone or card code…</source>
        <translation>جستجوی نام، تلفن یا کد کارت…</translation>
    </message>
    <message>
        <source>Search regulars</source>
        <translation>جستجوی مشتری‌های ثابت</translation>
    </message>
    <message>
        <source>Clear the search (Esc)</source>
        <translation>پاک کردن جست‌وجو (Esc)</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>پاک کردن جست‌وجو</translation>
    </message>
    <message>
        <source>New regular</source>
        <translation>مشتری ثابت تازه</translation>
    </message>
    <message>
        <source>Print cards</source>
        <translation>چاپ کارت‌ها</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>خواندن کارت</translation>
    </message>
    <message>
        <source>Scan a card with the camera</source>
        <translation>خواندن کارت با دوربین</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>نمایشگر</translation>
    </message>
    <message>
        <source>The customer display, on a screen facing the customer</source>
        <translation>نمایشگر مشتری، روی صفحه‌ای رو به مشتری</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>مدیر</translation>
    </message>
    <message>
        <source>Backups, settings and staff (owner PIN)</source>
        <translation>پشتیبان، تنظیمات و کارکنان (رمز مدیر)</translation>
    </message>
    <message>
        <source>Who is at the till</source>
        <translation>چه کسی پشت صندوق است</translation>
    </message>
</context>
<context>
    <name>TreatDialog</name>
    <message>
        <source>A treat for {0}</source>
        <translation>هدیه‌ای برای {0}</translation>
    </message>
    <message>
        <source>Give treat</source>
        <translation>هدیه بده</translation>
    </message>
    <message>
        <source>e.g. a slice of the new saffron cake</source>
        <translation>مثلاً یک برش از کیک زعفرانی تازه</translation>
    </message>
    <message>
        <source>What</source>
        <translation>چه</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>چرا</translation>
    </message>
</context>
<context>
    <name>UndoDialog</name>
    <message>
        <source>Undo the last {0}?</source>
        <translation>آخرین {0} برگردانده شود؟</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>برگرداندن</translation>
    </message>
    <message>
        <source>Stamped twice by mistake</source>
        <translation>اشتباهی دو بار مهر خورد</translation>
    </message>
    <message>
        <source>Wrong customer</source>
        <translation>مشتری اشتباه</translation>
    </message>
    <message>
        <source>Customer changed their mind</source>
        <translation>مشتری نظرش عوض شد</translation>
    </message>
    <message>
        <source>Redeemed by mistake</source>
        <translation>اشتباهی جایزه داده شد</translation>
    </message>
    <message>
        <source>They will have the reward another day</source>
        <translation>جایزه را روز دیگری می‌گیرند</translation>
    </message>
    <message>
        <source>Or type another reason</source>
        <translation>یا دلیل دیگری بنویسید</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>What did they have?</source>
        <translation>چه سفارش داد؟</translation>
    </message>
    <message>
        <source>Record visit</source>
        <translation>ثبت مراجعه</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>اقلام</translation>
    </message>
    <message>
        <source>How</source>
        <translation>چطور</translation>
    </message>
    <message>
        <source>Anything else, e.g. extra shot</source>
        <translation>چیز دیگر، مثلاً یک شات اضافه</translation>
    </message>
    <message>
        <source>Stamp their card</source>
        <translation>مهر زدن کارتش</translation>
    </message>
    <message>
        <source>Make this their usual (otherwise it is learned from their visits)</source>
        <translation>این را سفارش همیشگی‌اش کن (وگرنه از مراجعه‌هایش یاد گرفته می‌شود)</translation>
    </message>
    <message>
        <source>The menu is empty: the owner adds items under Owner ▸ Menu.</source>
        <translation>منو خالی است: مدیر از مدیر ▸ منو اقلام را اضافه می‌کند.</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <source>vegetarian</source>
        <translation>گیاه‌خوار</translation>
    </message>
    <message>
        <source>vegan</source>
        <translation>وگان</translation>
    </message>
    <message>
        <source>lactose-free</source>
        <translation>بدون لاکتوز</translation>
    </message>
    <message>
        <source>gluten-free</source>
        <translation>بدون گلوتن</translation>
    </message>
    <message>
        <source>nut-free</source>
        <translation>بدون مغزها</translation>
    </message>
    <message>
        <source>halal</source>
        <translation>حلال</translation>
    </message>
    <message>
        <source>no caffeine</source>
        <translation>بدون کافئین</translation>
    </message>
    <message>
        <source>whole milk</source>
        <translation>شیر پرچرب</translation>
    </message>
    <message>
        <source>low-fat milk</source>
        <translation>شیر کم‌چرب</translation>
    </message>
    <message>
        <source>oat milk</source>
        <translation>شیر جو دوسر</translation>
    </message>
    <message>
        <source>soy milk</source>
        <translation>شیر سویا</translation>
    </message>
    <message>
        <source>no milk</source>
        <translation>بدون شیر</translation>
    </message>
    <message>
        <source>small</source>
        <translation>کوچک</translation>
    </message>
    <message>
        <source>regular</source>
        <translation>معمولی</translation>
    </message>
    <message>
        <source>large</source>
        <translation>بزرگ</translation>
    </message>
    <message>
        <source>extra hot</source>
        <translation>خیلی داغ</translation>
    </message>
    <message>
        <source>not too hot</source>
        <translation>نه خیلی داغ</translation>
    </message>
    <message>
        <source>iced</source>
        <translation>سرد</translation>
    </message>
    <message>
        <source>no sugar</source>
        <translation>بدون شکر</translation>
    </message>
    <message>
        <source>less sugar</source>
        <translation>شکر کم</translation>
    </message>
    <message>
        <source>extra sugar</source>
        <translation>شکر زیاد</translation>
    </message>
    <message>
        <source>Praise</source>
        <translation>تعریف</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>شکایت</translation>
    </message>
    <message>
        <source>Idea</source>
        <translation>پیشنهاد</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>تولد</translation>
    </message>
    <message>
        <source>Something new to try</source>
        <translation>چیزی تازه برای امتحان</translation>
    </message>
    <message>
        <source>Milestone</source>
        <translation>نقطهٔ عطف</translation>
    </message>
    <message>
        <source>Making up for something</source>
        <translation>جبران یک کم‌وکاستی</translation>
    </message>
    <message>
        <source>Just because</source>
        <translation>همین‌طوری</translation>
    </message>
</context>
<context>
    <name>WaitingStrip</name>
    <message>
        <source>CHECKED IN</source>
        <translation>وارد شده‌ها</translation>
    </message>
    <message>
        <source>Regulars who checked in at the display</source>
        <translation>مشتری‌هایی که در نمایشگر وارد شده‌اند</translation>
    </message>
</context>
</TS>
