<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en_GB">
<context>
    <name>flow</name>
    <message>
        <source>language.name</source>
        <comment>English</comment>
        <translation>العربية</translation>
    </message>
    <message>
        <source>step.place.title</source>
        <comment>Where is it?</comment>
        <translation>أين يقع ذلك؟</translation>
    </message>
    <message>
        <source>step.place.body</source>
        <comment>Type the postcode if you know it, then the address or the nearest address.</comment>
        <translation>اكتب الرمز البريدي إن كنت تعرفه، ثم اكتب العنوان أو أقرب عنوان.</translation>
    </message>
    <message>
        <source>step.description.title</source>
        <comment>Is there anything else you want to tell us?</comment>
        <translation>هل هناك شيء آخر تريد أن تخبرنا به؟</translation>
    </message>
    <message>
        <source>step.description.body</source>
        <comment>This is optional.</comment>
        <translation>هذا اختياري.</translation>
    </message>
    <message>
        <source>step.contact.title</source>
        <comment>How can we contact you?</comment>
        <translation>كيف يمكننا التواصل معك؟</translation>
    </message>
    <message>
        <source>step.contact.body.optional</source>
        <comment>This is optional. If you give an email address or a mobile number, we can tell you about progress.</comment>
        <translation>هذا اختياري. إذا أعطيتنا عنوان بريد إلكتروني أو رقم هاتف محمول، يمكننا إبلاغك بما يستجد في طلبك.</translation>
    </message>
    <message>
        <source>step.contact.body.named</source>
        <comment>We need your name. If you give an email address or a mobile number, we can tell you about progress.</comment>
        <translation>نحتاج إلى اسمك. إذا أعطيتنا عنوان بريد إلكتروني أو رقم هاتف محمول، يمكننا إبلاغك بما يستجد في طلبك.</translation>
    </message>
    <message>
        <source>step.check.title</source>
        <comment>Check your answers</comment>
        <translation>راجع إجاباتك</translation>
    </message>
    <message>
        <source>step.check.body</source>
        <comment>If something is wrong, press Change next to it.</comment>
        <translation>إذا كان هناك خطأ، اضغط على «تغيير» بجانبه.</translation>
    </message>
    <message>
        <source>step.confirmation.title</source>
        <comment>We have your request</comment>
        <translation>لقد استلمنا طلبك</translation>
    </message>
    <message>
        <source>step.confirmation.body</source>
        <comment>Keep your reference to check on progress.</comment>
        <translation>احتفظ برقمك المرجعي لتتابع ما يستجد في طلبك.</translation>
    </message>
    <message>
        <source>step.confirmation.body.offline</source>
        <comment>Keep your reference to check on progress. This screen is offline just now: we will send your request as soon as it is back.</comment>
        <translation>احتفظ برقمك المرجعي لتتابع ما يستجد في طلبك. هذه الشاشة غير متصلة بالشبكة الآن: سنرسل طلبك فور عودة الاتصال.</translation>
    </message>
    <message>
        <source>step.feedback.title</source>
        <comment>How was using this screen today?</comment>
        <translation>كيف كانت تجربتك مع هذه الشاشة اليوم؟</translation>
    </message>
    <message>
        <source>field.place.postcode.label</source>
        <comment>Postcode</comment>
        <translation>الرمز البريدي</translation>
    </message>
    <message>
        <source>field.place.postcode.hint</source>
        <comment>For example, SW1A 1AA. Leave this blank if you do not know it.</comment>
        <translation>مثلاً SW1A 1AA. اترك هذه الخانة فارغة إن كنت لا تعرفه.</translation>
    </message>
    <message>
        <source>field.place.address.label</source>
        <comment>Address</comment>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>field.place.address.hint</source>
        <comment>The address, or the nearest address.</comment>
        <translation>العنوان، أو أقرب عنوان.</translation>
    </message>
    <message>
        <source>field.place.uprn.label</source>
        <comment>Property number</comment>
        <translation>رقم العقار</translation>
    </message>
    <message>
        <source>field.description.text.label</source>
        <comment>Tell us more</comment>
        <translation>أخبرنا بالمزيد</translation>
    </message>
    <message>
        <source>field.description.text.hint</source>
        <comment>For example, what it looks like or how to find it.</comment>
        <translation>مثلاً، كيف يبدو أو كيف يمكن العثور عليه.</translation>
    </message>
    <message>
        <source>field.contact.first_name.label</source>
        <comment>First name</comment>
        <translation>الاسم الأول</translation>
    </message>
    <message>
        <source>field.contact.last_name.label</source>
        <comment>Last name</comment>
        <translation>اسم العائلة</translation>
    </message>
    <message>
        <source>field.contact.email.label</source>
        <comment>Email address</comment>
        <translation>عنوان البريد الإلكتروني</translation>
    </message>
    <message>
        <source>field.contact.phone.label</source>
        <comment>Phone number</comment>
        <translation>رقم الهاتف</translation>
    </message>
    <message>
        <source>field.contact.phone.hint</source>
        <comment>A mobile number if you want a text message.</comment>
        <translation>رقم هاتف محمول إن كنت تريد رسالة نصية.</translation>
    </message>
    <message>
        <source>field.contact.notify_by.label</source>
        <comment>Send me a confirmation</comment>
        <translation>أرسلوا لي تأكيداً</translation>
    </message>
    <message>
        <source>field.contact.notify_by.hint</source>
        <comment>Choose none, one or both.</comment>
        <translation>اختر واحداً أو كليهما، أو لا تختر شيئاً.</translation>
    </message>
    <message>
        <source>field.feedback.rating.label</source>
        <comment>How was it? (optional)</comment>
        <translation>كيف كانت تجربتك؟ (اختياري)</translation>
    </message>
    <message>
        <source>field.feedback.reason.label</source>
        <comment>Tell us why (optional)</comment>
        <translation>أخبرنا بالسبب (اختياري)</translation>
    </message>
    <message>
        <source>option.notify_by.sms</source>
        <comment>By text message</comment>
        <translation>برسالة نصية</translation>
    </message>
    <message>
        <source>option.notify_by.email</source>
        <comment>By email</comment>
        <translation>بالبريد الإلكتروني</translation>
    </message>
    <message>
        <source>option.rating.good</source>
        <comment>Good</comment>
        <translation>جيدة</translation>
    </message>
    <message>
        <source>option.rating.average</source>
        <comment>Average</comment>
        <translation>متوسطة</translation>
    </message>
    <message>
        <source>option.rating.poor</source>
        <comment>Poor</comment>
        <translation>سيئة</translation>
    </message>
    <message>
        <source>check.name</source>
        <comment>Name</comment>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>check.not_answered</source>
        <comment>Not answered</comment>
        <translation>لم تتم الإجابة</translation>
    </message>
    <message>
        <source>answer.required</source>
        <comment>Please answer this question.</comment>
        <translation>يُرجى الإجابة عن هذا السؤال.</translation>
    </message>
    <message>
        <source>answer.not_text</source>
        <comment>Please type your answer as words.</comment>
        <translation>يُرجى كتابة إجابتك بالكلمات.</translation>
    </message>
    <message>
        <source>answer.too_long</source>
        <comment>Please keep this to {limit} characters or fewer (it has {length}).</comment>
        <translation>هذه الإجابة طويلة جداً. الحد الأقصى لعدد الأحرف: {limit}، وعدد الأحرف المكتوبة: {length}.</translation>
    </message>
    <message>
        <source>answer.choose_one</source>
        <comment>Please choose one of the options.</comment>
        <translation>يُرجى اختيار أحد الخيارات.</translation>
    </message>
    <message>
        <source>answer.choose_from</source>
        <comment>Please choose from the options shown.</comment>
        <translation>يُرجى الاختيار من الخيارات المعروضة.</translation>
    </message>
    <message>
        <source>answer.not_number</source>
        <comment>Please type a number, like 3.</comment>
        <translation>يُرجى كتابة رقم، مثل 3.</translation>
    </message>
    <message>
        <source>answer.too_small</source>
        <comment>Please type a number of {minimum} or more.</comment>
        <translation>يُرجى كتابة رقم لا يقل عن {minimum}.</translation>
    </message>
    <message>
        <source>answer.too_large</source>
        <comment>Please type a number of {maximum} or less.</comment>
        <translation>يُرجى كتابة رقم لا يزيد على {maximum}.</translation>
    </message>
    <message>
        <source>answer.not_datetime</source>
        <comment>Please give a date and time.</comment>
        <translation>يُرجى إدخال التاريخ والوقت.</translation>
    </message>
    <message>
        <source>answer.no_time_zone</source>
        <comment>Please give the date and time with its time zone.</comment>
        <translation>يُرجى إدخال التاريخ والوقت مع المنطقة الزمنية.</translation>
    </message>
    <message>
        <source>place.address.required</source>
        <comment>Please type the address, or the nearest address.</comment>
        <translation>يُرجى كتابة العنوان، أو أقرب عنوان.</translation>
    </message>
    <message>
        <source>place.postcode.invalid</source>
        <comment>Please type a UK postcode, like SW1A 1AA, or leave it blank.</comment>
        <translation>يُرجى كتابة رمز بريدي بريطاني، مثل SW1A 1AA، أو ترك الخانة فارغة.</translation>
    </message>
    <message>
        <source>place.uprn.invalid</source>
        <comment>This property number is not right. Please type the address instead.</comment>
        <translation>رقم العقار هذا غير صحيح. يُرجى كتابة العنوان بدلاً منه.</translation>
    </message>
    <message>
        <source>contact.first_name.required</source>
        <comment>Please type your first name.</comment>
        <translation>يُرجى كتابة اسمك الأول.</translation>
    </message>
    <message>
        <source>contact.last_name.required</source>
        <comment>Please type your last name.</comment>
        <translation>يُرجى كتابة اسم عائلتك.</translation>
    </message>
    <message>
        <source>contact.email.invalid</source>
        <comment>Please type an email address like name@example.com.</comment>
        <translation>يُرجى كتابة عنوان بريد إلكتروني مثل name@example.com.</translation>
    </message>
    <message>
        <source>contact.email.needed</source>
        <comment>To send you an email we need your email address.</comment>
        <translation>لكي نرسل إليك بريداً إلكترونياً، نحتاج إلى عنوان بريدك الإلكتروني.</translation>
    </message>
    <message>
        <source>contact.phone.invalid</source>
        <comment>Please type a UK phone number, like 07700 900123.</comment>
        <translation>يُرجى كتابة رقم هاتف بريطاني، مثل 07700 900123.</translation>
    </message>
    <message>
        <source>contact.phone.needed</source>
        <comment>To send you a text message we need your mobile number.</comment>
        <translation>لكي نرسل إليك رسالة نصية، نحتاج إلى رقم هاتفك المحمول.</translation>
    </message>
    <message>
        <source>contact.phone.not_mobile</source>
        <comment>To send you a text message we need a mobile number, starting 07.</comment>
        <translation>لكي نرسل إليك رسالة نصية، نحتاج إلى رقم هاتف محمول يبدأ بـ 07.</translation>
    </message>
    <message>
        <source>answer.invalid</source>
        <comment>Please check this answer.</comment>
        <translation>يُرجى مراجعة هذه الإجابة.</translation>
    </message>
    <message>
        <source>screen.progress</source>
        <comment>Step {number} of {count}</comment>
        <translation>الخطوة {number} من {count}</translation>
    </message>
    <message>
        <source>screen.continue</source>
        <comment>Continue</comment>
        <translation>متابعة</translation>
    </message>
    <message>
        <source>screen.back</source>
        <comment>Back</comment>
        <translation>رجوع</translation>
    </message>
    <message>
        <source>screen.change</source>
        <comment>Change</comment>
        <translation>تغيير</translation>
    </message>
    <message>
        <source>screen.submit</source>
        <comment>Send my request</comment>
        <translation>أرسل طلبي</translation>
    </message>
    <message>
        <source>screen.finish</source>
        <comment>Finish</comment>
        <translation>إنهاء</translation>
    </message>
    <message>
        <source>screen.skip</source>
        <comment>Skip</comment>
        <translation>تخطي</translation>
    </message>
    <message>
        <source>screen.errors.title</source>
        <comment>There is a problem</comment>
        <translation>هناك مشكلة</translation>
    </message>
    <message>
        <source>screen.reference.label</source>
        <comment>Your reference</comment>
        <translation>رقمك المرجعي</translation>
    </message>
    <message>
        <source>screen.qr.caption</source>
        <comment>Scan this with your phone to check progress</comment>
        <translation>امسح هذا الرمز بهاتفك لتتابع ما يستجد في طلبك</translation>
    </message>
    <message>
        <source>screen.next.title</source>
        <comment>What happens next</comment>
        <translation>ماذا سيحدث بعد ذلك</translation>
    </message>
    <message>
        <source>screen.next.reply.one</source>
        <comment>We will reply within 1 working day.</comment>
        <translation>سنرد عليك خلال يوم عمل واحد.</translation>
    </message>
    <message>
        <source>screen.next.reply</source>
        <comment>We will reply within {days} working days.</comment>
        <translation>سنرد عليك خلال {days} من أيام العمل.</translation>
    </message>
    <message>
        <source>screen.address.find</source>
        <comment>Find address</comment>
        <translation>ابحث عن العنوان</translation>
    </message>
    <message>
        <source>screen.address.choose</source>
        <comment>Choose the address</comment>
        <translation>اختر العنوان</translation>
    </message>
    <message>
        <source>screen.address.manual</source>
        <comment>I cannot find it: type the address</comment>
        <translation>لا أجده: اكتب العنوان</translation>
    </message>
    <message>
        <source>screen.address.none</source>
        <comment>We could not find addresses for this postcode. Please type the address.</comment>
        <translation>لم نجد عناوين لهذا الرمز البريدي. يُرجى كتابة العنوان.</translation>
    </message>
    <message>
        <source>screen.date.day</source>
        <comment>Day</comment>
        <translation>اليوم</translation>
    </message>
    <message>
        <source>screen.date.month</source>
        <comment>Month</comment>
        <translation>الشهر</translation>
    </message>
    <message>
        <source>screen.date.year</source>
        <comment>Year</comment>
        <translation>السنة</translation>
    </message>
    <message>
        <source>screen.date.hour</source>
        <comment>Hour</comment>
        <translation>الساعة</translation>
    </message>
    <message>
        <source>screen.date.minute</source>
        <comment>Minute</comment>
        <translation>الدقيقة</translation>
    </message>
    <message>
        <source>screen.date.earlier</source>
        <comment>Earlier</comment>
        <translation>وقت أبكر</translation>
    </message>
    <message>
        <source>screen.date.later</source>
        <comment>Later</comment>
        <translation>وقت لاحق</translation>
    </message>
    <message>
        <source>screen.number.less</source>
        <comment>Less</comment>
        <translation>أقل</translation>
    </message>
    <message>
        <source>screen.number.more</source>
        <comment>More</comment>
        <translation>أكثر</translation>
    </message>
    <message>
        <source>help.button</source>
        <comment>Help me</comment>
        <translation>ساعدني</translation>
    </message>
    <message>
        <source>help.waiting.title</source>
        <comment>Help is on the way</comment>
        <translation>المساعدة في الطريق</translation>
    </message>
    <message>
        <source>help.waiting.body</source>
        <comment>Someone will come to you. You can carry on while you wait.</comment>
        <translation>سيأتي إليك أحد الموظفين. يمكنك المتابعة أثناء الانتظار.</translation>
    </message>
    <message>
        <source>help.cancel</source>
        <comment>Cancel help</comment>
        <translation>إلغاء طلب المساعدة</translation>
    </message>
    <message>
        <source>help.claimed.title</source>
        <comment>{name} from the help desk is helping you</comment>
        <translation>{name} من مكتب المساعدة يساعدك</translation>
    </message>
    <message>
        <source>help.claimed.body</source>
        <comment>They can see this screen, but not your private answers.</comment>
        <translation>يمكنه رؤية هذه الشاشة، ولكن ليس إجاباتك الخاصة.</translation>
    </message>
    <message>
        <source>help.stop_sharing</source>
        <comment>Stop sharing</comment>
        <translation>أوقف المشاركة</translation>
    </message>
    <message>
        <source>help.coming</source>
        <comment>{name} is coming over to you now.</comment>
        <translation>{name} قادم إليك الآن.</translation>
    </message>
    <message>
        <source>help.ended</source>
        <comment>The helper has finished. You can carry on.</comment>
        <translation>انتهت المساعدة. يمكنك المتابعة.</translation>
    </message>
    <message>
        <source>help.tip.from</source>
        <comment>A tip from {name}</comment>
        <translation>نصيحة من {name}</translation>
    </message>
    <message>
        <source>help.tip.dismiss</source>
        <comment>Got it</comment>
        <translation>فهمت</translation>
    </message>
    <message>
        <source>help.fill.title</source>
        <comment>{name} at the desk would like to type this for you</comment>
        <translation>يرغب {name} في مكتب المساعدة في كتابة هذا نيابةً عنك</translation>
    </message>
    <message>
        <source>help.fill.body</source>
        <comment>In the box “{field}”. You will see it appear there, and you can change it.</comment>
        <translation>في الخانة «{field}». سترى النص يظهر هناك، ويمكنك تغييره.</translation>
    </message>
    <message>
        <source>help.fill.allow</source>
        <comment>Allow</comment>
        <translation>اسمح</translation>
    </message>
    <message>
        <source>help.fill.decline</source>
        <comment>No thanks</comment>
        <translation>لا، شكرًا</translation>
    </message>
    <message>
        <source>help.fill.typed</source>
        <comment>I have typed this for you. Please check it.</comment>
        <translation>كُتب هذا نيابةً عنك. يُرجى التحقق منه.</translation>
    </message>
    <message>
        <source>help.unavailable</source>
        <comment>Help cannot be called from this screen just now. Please ask a member of staff nearby.</comment>
        <translation>لا يمكن طلب المساعدة من هذه الشاشة الآن. يرجى سؤال أحد الموظفين القريبين.</translation>
    </message>
    <message>
        <source>help.remote.body</source>
        <comment>No one is at the desk here just now. A member of staff at {place} will help you through this screen.</comment>
        <translation>لا يوجد أحد عند المكتب هنا الآن. سيساعدك أحد الموظفين في {place} عبر هذه الشاشة.</translation>
    </message>
    <message>
        <source>help.closed.title</source>
        <comment>Sorry, we are closed</comment>
        <translation>عذرًا، نحن مغلقون</translation>
    </message>
    <message>
        <source>help.closed.body</source>
        <comment>{place} is closed just now, so no one can come to help. You can carry on, or come back when we are open.</comment>
        <translation>{place} مغلق الآن، لذلك لا يمكن لأحد أن يأتي للمساعدة. يمكنك المتابعة، أو العودة عندما نكون مفتوحين.</translation>
    </message>
    <message>
        <source>help.timed_out</source>
        <comment>No one was free to answer your request for help. You can carry on, or ask a member of staff.</comment>
        <translation>لم يكن أحد متاحًا للرد على طلب المساعدة. يمكنك المتابعة، أو سؤال أحد الموظفين.</translation>
    </message>
    <message>
        <source>speak.button</source>
        <comment>Speak to someone</comment>
        <translation>التحدث إلى موظف</translation>
    </message>
    <message>
        <source>speak.title</source>
        <comment>Speak to someone</comment>
        <translation>التحدث إلى موظف</translation>
    </message>
    <message>
        <source>speak.body</source>
        <comment>We will give you a number and call it when someone is free to see you.</comment>
        <translation>سنعطيك رقمًا وننادي به عندما يكون أحد الموظفين متاحًا لمقابلتك.</translation>
    </message>
    <message>
        <source>speak.phone</source>
        <comment>Your mobile number (you can leave it blank)</comment>
        <translation>رقم هاتفك المحمول (يمكنك تركه فارغًا)</translation>
    </message>
    <message>
        <source>speak.phone_hint</source>
        <comment>We will send you a text when we call your number.</comment>
        <translation>سنرسل إليك رسالة نصية عندما ننادي رقمك.</translation>
    </message>
    <message>
        <source>speak.get</source>
        <comment>Get a number</comment>
        <translation>احصل على رقم</translation>
    </message>
    <message>
        <source>speak.done</source>
        <comment>Done</comment>
        <translation>تم</translation>
    </message>
    <message>
        <source>speak.number</source>
        <comment>Your number is {ticket}</comment>
        <translation>رقمك هو {ticket}</translation>
    </message>
    <message>
        <source>speak.ahead</source>
        <comment>People waiting before you: {count}</comment>
        <translation>عدد المنتظرين قبلك: {count}</translation>
    </message>
    <message>
        <source>speak.next</source>
        <comment>You are next.</comment>
        <translation>أنت التالي.</translation>
    </message>
    <message>
        <source>speak.texted</source>
        <comment>We will text you when we call your number.</comment>
        <translation>سنرسل إليك رسالة نصية عندما ننادي رقمك.</translation>
    </message>
    <message>
        <source>speak.bad_phone</source>
        <comment>That does not look like a UK phone number. Please check it, or leave it blank.</comment>
        <translation>لا يبدو هذا رقم هاتف بريطانيًا. يرجى التحقق منه، أو تركه فارغًا.</translation>
    </message>
    <message>
        <source>speak.unavailable</source>
        <comment>We cannot give you a number from this screen just now. Please go to the desk and we will help you.</comment>
        <translation>لا يمكننا إعطاؤك رقمًا من هذه الشاشة الآن. يرجى التوجه إلى المكتب وسنساعدك.</translation>
    </message>
    <message>
        <source>arrive.button</source>
        <comment>I have an appointment</comment>
        <translation>لدي موعد</translation>
    </message>
    <message>
        <source>arrive.title</source>
        <comment>I have an appointment</comment>
        <translation>لدي موعد</translation>
    </message>
    <message>
        <source>arrive.reference</source>
        <comment>Your appointment reference</comment>
        <translation>الرقم المرجعي لموعدك</translation>
    </message>
    <message>
        <source>arrive.hint</source>
        <comment>It starts with AP. You will find it on your confirmation.</comment>
        <translation>يبدأ بـ AP. ستجده في رسالة التأكيد.</translation>
    </message>
    <message>
        <source>arrive.check_in</source>
        <comment>Check in</comment>
        <translation>تسجيل الحضور</translation>
    </message>
    <message>
        <source>arrive.thanks</source>
        <comment>Thank you. Please take a seat; we will call you.</comment>
        <translation>شكرًا لك. يرجى الجلوس؛ سننادي عليك.</translation>
    </message>
    <message>
        <source>arrive.empty</source>
        <comment>Please type your appointment reference.</comment>
        <translation>يرجى كتابة الرقم المرجعي لموعدك.</translation>
    </message>
    <message>
        <source>arrive.invalid</source>
        <comment>That reference is not quite right. Please check it against your confirmation.</comment>
        <translation>هذا الرقم المرجعي غير صحيح تمامًا. يرجى التحقق منه في رسالة التأكيد.</translation>
    </message>
    <message>
        <source>arrive.not_found</source>
        <comment>We cannot find an appointment with that reference. Please check it, or ask at the desk.</comment>
        <translation>لا يمكننا العثور على موعد بهذا الرقم المرجعي. يرجى التحقق منه، أو السؤال في المكتب.</translation>
    </message>
    <message>
        <source>arrive.elsewhere</source>
        <comment>This appointment is at another place. Please check your confirmation, or ask at the desk.</comment>
        <translation>هذا الموعد في مكان آخر. يرجى التحقق من رسالة التأكيد، أو السؤال في المكتب.</translation>
    </message>
    <message>
        <source>arrive.other_day</source>
        <comment>Your appointment is on {when}. Please come then, or ask at the desk.</comment>
        <translation>موعدك في {when}. يرجى الحضور حينها، أو السؤال في المكتب.</translation>
    </message>
    <message>
        <source>arrive.cancelled</source>
        <comment>This appointment was cancelled. Please ask at the desk.</comment>
        <translation>تم إلغاء هذا الموعد. يرجى السؤال في المكتب.</translation>
    </message>
    <message>
        <source>arrive.failed</source>
        <comment>Sorry, we cannot check you in here. Please ask at the desk.</comment>
        <translation>عذرًا، لا يمكننا تسجيل حضورك هنا. يرجى السؤال في المكتب.</translation>
    </message>
    <message>
        <source>arrive.unavailable</source>
        <comment>We cannot check you in from this screen just now. Please tell the desk you are here.</comment>
        <translation>لا يمكننا تسجيل حضورك من هذه الشاشة الآن. يرجى إخبار المكتب بأنك هنا.</translation>
    </message>
    <message>
        <source>arrive.scan_not_ours</source>
        <comment>That code is not one of our appointments. Please scan the QR code on your appointment confirmation, or type its reference.</comment>
        <translation>هذا الرمز ليس لأحد مواعيدنا. يرجى مسح رمز QR الموجود في رسالة تأكيد موعدك، أو كتابة رقمه المرجعي.</translation>
    </message>
    <message>
        <source>book.button</source>
        <comment>Book an appointment</comment>
        <translation>حجز موعد</translation>
    </message>
    <message>
        <source>book.tile</source>
        <comment>Book an appointment: {service}</comment>
        <translation>حجز موعد: {service}</translation>
    </message>
    <message>
        <source>book.pick.title</source>
        <comment>Choose a day and time</comment>
        <translation>اختر يومًا ووقتًا</translation>
    </message>
    <message>
        <source>book.pick.times</source>
        <comment>Free times on {day}</comment>
        <translation>الأوقات المتاحة: {day}</translation>
    </message>
    <message>
        <source>book.looking</source>
        <comment>Looking for free times…</comment>
        <translation>نبحث عن الأوقات المتاحة…</translation>
    </message>
    <message>
        <source>book.none</source>
        <comment>There are no free times here in the next few days. Please ask at the desk.</comment>
        <translation>لا توجد أوقات متاحة هنا في الأيام القادمة. يرجى السؤال في المكتب.</translation>
    </message>
    <message>
        <source>book.taken</source>
        <comment>Sorry, that time has just been taken. Please choose another.</comment>
        <translation>عذرًا، لقد حُجز هذا الوقت للتو. يرجى اختيار وقت آخر.</translation>
    </message>
    <message>
        <source>book.details.title</source>
        <comment>Your name and how to reach you</comment>
        <translation>اسمك وكيف نتواصل معك</translation>
    </message>
    <message>
        <source>book.details.body</source>
        <comment>If you give a mobile number or an email address, we will send you the booking and a reminder the day before.</comment>
        <translation>إذا أعطيتنا رقم هاتف محمول أو عنوان بريد إلكتروني، سنرسل إليك تفاصيل الحجز وتذكيرًا قبل الموعد بيوم.</translation>
    </message>
    <message>
        <source>book.name</source>
        <comment>Your name</comment>
        <translation>اسمك</translation>
    </message>
    <message>
        <source>book.phone</source>
        <comment>Your mobile number (you can leave it blank)</comment>
        <translation>رقم هاتفك المحمول (يمكنك تركه فارغًا)</translation>
    </message>
    <message>
        <source>book.email</source>
        <comment>Your email address (you can leave it blank)</comment>
        <translation>عنوان بريدك الإلكتروني (يمكنك تركه فارغًا)</translation>
    </message>
    <message>
        <source>book.name.required</source>
        <comment>Please type your name.</comment>
        <translation>يرجى كتابة اسمك.</translation>
    </message>
    <message>
        <source>book.check.title</source>
        <comment>Check your booking</comment>
        <translation>راجع حجزك</translation>
    </message>
    <message>
        <source>book.row.service</source>
        <comment>Appointment</comment>
        <translation>الموعد</translation>
    </message>
    <message>
        <source>book.row.when</source>
        <comment>Day and time</comment>
        <translation>اليوم والوقت</translation>
    </message>
    <message>
        <source>book.row.name</source>
        <comment>Name</comment>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>book.row.phone</source>
        <comment>Mobile number</comment>
        <translation>رقم الهاتف المحمول</translation>
    </message>
    <message>
        <source>book.row.email</source>
        <comment>Email address</comment>
        <translation>عنوان البريد الإلكتروني</translation>
    </message>
    <message>
        <source>book.confirm</source>
        <comment>Book this time</comment>
        <translation>احجز هذا الوقت</translation>
    </message>
    <message>
        <source>book.done.title</source>
        <comment>Your appointment is booked</comment>
        <translation>تم حجز موعدك</translation>
    </message>
    <message>
        <source>book.done.when</source>
        <comment>{when}, at {place}</comment>
        <translation>{when}، في {place}</translation>
    </message>
    <message>
        <source>book.done.qr</source>
        <comment>Scan this with your phone to see your appointment</comment>
        <translation>امسح هذا الرمز بهاتفك لرؤية موعدك</translation>
    </message>
    <message>
        <source>book.done.sent</source>
        <comment>We are sending the details to you now, and a reminder the day before.</comment>
        <translation>نرسل إليك التفاصيل الآن، وتذكيرًا قبل الموعد بيوم.</translation>
    </message>
    <message>
        <source>book.done.keep</source>
        <comment>Please keep your reference: you will need it when you come.</comment>
        <translation>يرجى الاحتفاظ برقم المرجع: ستحتاج إليه عند حضورك.</translation>
    </message>
    <message>
        <source>book.unavailable</source>
        <comment>We cannot book appointments from this screen just now. Please ask at the desk, or try again later.</comment>
        <translation>لا يمكننا حجز المواعيد من هذه الشاشة الآن. يرجى السؤال في المكتب، أو المحاولة لاحقًا.</translation>
    </message>
    <message>
        <source>book.failed</source>
        <comment>Sorry, that did not work. Please try again, or ask at the desk.</comment>
        <translation>عذرًا، لم ينجح ذلك. يرجى المحاولة مرة أخرى، أو السؤال في المكتب.</translation>
    </message>
    <message>
        <source>manage.button</source>
        <comment>Change or cancel an appointment</comment>
        <translation>تغيير موعد أو إلغاؤه</translation>
    </message>
    <message>
        <source>manage.find.title</source>
        <comment>Find your appointment</comment>
        <translation>ابحث عن موعدك</translation>
    </message>
    <message>
        <source>manage.find.body</source>
        <comment>We ask for both so that only you can change your appointment.</comment>
        <translation>نطلب الاثنين حتى لا يستطيع أحد غيرك تغيير موعدك.</translation>
    </message>
    <message>
        <source>manage.reference</source>
        <comment>Your appointment reference (it starts with AP)</comment>
        <translation>الرقم المرجعي لموعدك (يبدأ بـ AP)</translation>
    </message>
    <message>
        <source>manage.contact</source>
        <comment>The mobile number or email address you gave when you booked</comment>
        <translation>رقم الهاتف المحمول أو عنوان البريد الإلكتروني الذي أعطيته عند الحجز</translation>
    </message>
    <message>
        <source>manage.contact.required</source>
        <comment>Please type the mobile number or email address you gave when you booked.</comment>
        <translation>يرجى كتابة رقم الهاتف المحمول أو عنوان البريد الإلكتروني الذي أعطيته عند الحجز.</translation>
    </message>
    <message>
        <source>manage.find</source>
        <comment>Find my appointment</comment>
        <translation>ابحث عن موعدي</translation>
    </message>
    <message>
        <source>manage.found.title</source>
        <comment>Your appointment</comment>
        <translation>موعدك</translation>
    </message>
    <message>
        <source>manage.row.where</source>
        <comment>Place</comment>
        <translation>المكان</translation>
    </message>
    <message>
        <source>manage.row.reference</source>
        <comment>Your reference</comment>
        <translation>رقمك المرجعي</translation>
    </message>
    <message>
        <source>manage.row.now</source>
        <comment>Day and time now</comment>
        <translation>اليوم والوقت الحاليان</translation>
    </message>
    <message>
        <source>manage.row.new</source>
        <comment>New day and time</comment>
        <translation>اليوم والوقت الجديدان</translation>
    </message>
    <message>
        <source>manage.move</source>
        <comment>Change the time</comment>
        <translation>تغيير الوقت</translation>
    </message>
    <message>
        <source>manage.cancel</source>
        <comment>Cancel it</comment>
        <translation>إلغاء الموعد</translation>
    </message>
    <message>
        <source>manage.cancel.title</source>
        <comment>Cancel this appointment?</comment>
        <translation>هل تريد إلغاء هذا الموعد؟</translation>
    </message>
    <message>
        <source>manage.cancel.body</source>
        <comment>If you cancel it, someone else can have this time.</comment>
        <translation>إذا ألغيته، يمكن لشخص آخر أن يأخذ هذا الوقت.</translation>
    </message>
    <message>
        <source>manage.cancel.yes</source>
        <comment>Yes, cancel it</comment>
        <translation>نعم، ألغِه</translation>
    </message>
    <message>
        <source>manage.cancel.no</source>
        <comment>No, keep it</comment>
        <translation>لا، احتفظ به</translation>
    </message>
    <message>
        <source>manage.move.title</source>
        <comment>Change to this time?</comment>
        <translation>هل تريد التغيير إلى هذا الوقت؟</translation>
    </message>
    <message>
        <source>manage.move.yes</source>
        <comment>Change to this time</comment>
        <translation>غيّر إلى هذا الوقت</translation>
    </message>
    <message>
        <source>manage.cancelled.title</source>
        <comment>Your appointment is cancelled</comment>
        <translation>تم إلغاء موعدك</translation>
    </message>
    <message>
        <source>manage.cancelled.next</source>
        <comment>You do not need to do anything else.</comment>
        <translation>لا تحتاج إلى فعل أي شيء آخر.</translation>
    </message>
    <message>
        <source>manage.moved.title</source>
        <comment>Your appointment has been moved</comment>
        <translation>تم تغيير موعدك</translation>
    </message>
    <message>
        <source>manage.moved.next</source>
        <comment>Your reference stays the same. Please keep it: you will need it when you come.</comment>
        <translation>رقمك المرجعي لم يتغير. يرجى الاحتفاظ به: ستحتاج إليه عند حضورك.</translation>
    </message>
    <message>
        <source>manage.not_found</source>
        <comment>We cannot find an appointment with that reference and that mobile number or email address. Please check them, or ask at the desk.</comment>
        <translation>لا يمكننا العثور على موعد بهذا الرقم المرجعي وبهذا الرقم أو البريد الإلكتروني. يرجى التحقق منهما، أو السؤال في المكتب.</translation>
    </message>
    <message>
        <source>manage.already_cancelled</source>
        <comment>This appointment has already been cancelled. You do not need to do anything else.</comment>
        <translation>تم إلغاء هذا الموعد من قبل. لا تحتاج إلى فعل أي شيء آخر.</translation>
    </message>
    <message>
        <source>manage.too_late</source>
        <comment>It is too late to change this appointment here. Please ask at the desk.</comment>
        <translation>فات الأوان لتغيير هذا الموعد هنا. يرجى السؤال في المكتب.</translation>
    </message>
    <message>
        <source>manage.unavailable</source>
        <comment>We cannot change appointments from this screen just now. Please ask at the desk, or try again later.</comment>
        <translation>لا يمكننا تغيير المواعيد من هذه الشاشة الآن. يرجى السؤال في المكتب، أو المحاولة لاحقًا.</translation>
    </message>
    <message>
        <source>kiosk.out_of_order.title</source>
        <comment>This screen is out of order</comment>
        <translation>هذه الشاشة معطلة</translation>
    </message>
    <message>
        <source>kiosk.out_of_order.body</source>
        <comment>Please use another screen, or ask a member of staff.</comment>
        <translation>يرجى استخدام شاشة أخرى، أو اسأل أحد الموظفين.</translation>
    </message>
    <message>
        <source>tip.press_next</source>
        <comment>When this screen is done, press Continue at the bottom.</comment>
        <translation>عند الانتهاء من هذه الشاشة، اضغط على متابعة في الأسفل.</translation>
    </message>
    <message>
        <source>tip.touch_box</source>
        <comment>Touch the white box first, then type on the keyboard on the screen.</comment>
        <translation>المس المربع الأبيض أولاً، ثم اكتب على لوحة المفاتيح على الشاشة.</translation>
    </message>
    <message>
        <source>tip.postcode</source>
        <comment>Type your postcode, press Find address, then choose yours from the list.</comment>
        <translation>اكتب الرمز البريدي، واضغط على ابحث عن العنوان، ثم اختر عنوانك من القائمة.</translation>
    </message>
    <message>
        <source>tip.email_example</source>
        <comment>An email address looks like name@example.com. You can leave it blank.</comment>
        <translation>يبدو عنوان البريد الإلكتروني هكذا: name@example.com. يمكنك تركه فارغًا.</translation>
    </message>
    <message>
        <source>tip.optional</source>
        <comment>You can leave this blank: it is optional.</comment>
        <translation>يمكنك ترك هذا فارغًا: إنه اختياري.</translation>
    </message>
    <message>
        <source>tip.go_back</source>
        <comment>To change an earlier answer, press Back.</comment>
        <translation>لتغيير إجابة سابقة، اضغط على رجوع.</translation>
    </message>
    <message>
        <source>tip.larger_text</source>
        <comment>Press Larger text at the top to make the words bigger.</comment>
        <translation>اضغط على نص أكبر في الأعلى لتكبير الكلمات.</translation>
    </message>
    <message>
        <source>tip.take_your_time</source>
        <comment>Take your time. Nothing you have typed will be lost.</comment>
        <translation>خذ وقتك. لن يضيع شيء مما كتبته.</translation>
    </message>
</context>
</TS>
