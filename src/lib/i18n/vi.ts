/**
 * Vietnamese, the default UI language. Its keys are the contract: `en.ts` must have exactly the
 * same ones (checked by the type in messages.ts). `{name}` marks a parameter.
 */
export const vi = {
	'app.name': 'Disan',
	'app.tagline': 'Di sản các dân tộc Việt Nam',
	'app.description':
		'Cơ sở dữ liệu di sản văn hóa của các cộng đồng dân tộc Việt Nam: di tích, lễ hội, nghề thủ công và tri thức dân gian.',
	'app.homeLink': 'Disan — trang chủ',

	'nav.label': 'Điều hướng chính',
	'nav.explore': 'Khám phá',
	'nav.api': 'Dữ liệu mở',
	'nav.skip': 'Bỏ qua, đến nội dung chính',

	'lang.label': 'Ngôn ngữ',
	'lang.vi': 'Tiếng Việt',
	'lang.en': 'English',
	'lang.switchTo': 'Chuyển sang {language}',

	'home.title': 'Di sản văn hóa các dân tộc Việt Nam',
	'home.eyebrow': 'Thư viện số',
	'home.intro':
		'Khám phá di tích, lễ hội, nghề thủ công và tri thức dân gian do các cộng đồng gìn giữ, được thư viện tỉnh số hóa và chia sẻ.',
	'home.count': '{total} hồ sơ đã công bố',
	'home.listHeading': 'Hồ sơ di sản',
	'home.empty': 'Chưa có hồ sơ nào được công bố. Hãy quay lại sau.',
	'home.pageBeyond': 'Trang này không có hồ sơ nào. Danh sách chỉ có {pages} trang.',
	'home.firstPage': 'Về trang đầu',

	'pagination.label': 'Phân trang',
	'pagination.prev': 'Trang trước',
	'pagination.next': 'Trang sau',
	'pagination.status': 'Trang {page} / {pages}',

	'card.noImage': 'Chưa có ảnh',

	'kind.site': 'Di tích',
	'kind.structure': 'Công trình',
	'kind.artefact': 'Hiện vật',
	'kind.document': 'Tư liệu',
	'kind.practice': 'Di sản phi vật thể',
	'kind.event': 'Sự kiện',
	'kind.person': 'Nhân vật',

	'period.bce': '{year} TCN',
	'period.range': '{start} – {end}',
	'period.from': 'từ {start}',
	'period.until': 'đến {end}',

	'item.backToList': 'Quay lại danh sách',
	'item.details': 'Thông tin',
	'item.kind': 'Loại hình',
	'item.ethnicGroups': 'Dân tộc',
	'item.place': 'Địa điểm',
	'item.period': 'Thời gian',
	'item.coordinates': 'Tọa độ',
	'item.coordinatesApprox': 'Tọa độ gần đúng (đã làm mờ để bảo vệ di sản)',
	'item.locationHidden': 'Vị trí được giữ kín để bảo vệ di sản',
	'item.about': 'Giới thiệu',
	'item.images': 'Hình ảnh',
	'item.rights': 'Quyền sử dụng',
	'item.license': 'Giấy phép',
	'item.holder': 'Chủ sở hữu quyền',
	'item.credit': 'Ghi công',
	'item.sourceInstitution': 'Đơn vị lưu giữ',
	'item.otherLanguage': 'Hồ sơ này chưa có bản tiếng Việt; nội dung dưới đây bằng {language}.',
	'item.untitled': 'Hồ sơ chưa có tiêu đề',

	'media.altFallback': 'Hình ảnh của {title}',
	'media.credit': 'Ảnh: {credit}',
	'media.open': 'Mở ảnh gốc',

	'license.publicDomain': 'Phạm vi công cộng',
	'license.rightsStatement': 'Tuyên bố quyền {code} (RightsStatements.org)',

	'error.title': 'Lỗi {status}',
	'error.notFound.heading': 'Không tìm thấy trang này',
	'error.notFound.body':
		'Hồ sơ bạn tìm không tồn tại, đã bị gỡ hoặc chưa được công bố. Hãy kiểm tra lại đường dẫn.',
	'error.badRequest.heading': 'Yêu cầu chưa hợp lệ',
	'error.badRequest.body':
		'Địa chỉ trang có tham số không hợp lệ. Hãy kiểm tra lại đường dẫn hoặc quay về danh sách.',
	'error.details': 'Chi tiết: {message}',
	'error.generic.heading': 'Đã có lỗi xảy ra',
	'error.generic.body':
		'Máy chủ gặp sự cố khi mở trang này. Hãy thử lại sau ít phút; nếu vẫn lỗi, xin báo cho thư viện.',
	'error.next': 'Về danh sách di sản',

	'footer.about':
		'Disan là cơ sở dữ liệu di sản của thư viện tỉnh, xây dựng cùng các cộng đồng dân tộc.',
	'footer.rights': 'Mỗi hồ sơ và hình ảnh ghi rõ giấy phép sử dụng riêng.',
	'footer.api': 'Dữ liệu mở (JSON)',

	'nav.map': 'Bản đồ',
	'map.title': 'Bản đồ di sản',
	'map.intro':
		'Tìm di tích, lễ hội và nghề truyền thống trên bản đồ. Chạm vào một nhóm để phóng to, chạm vào một điểm để xem hồ sơ.',
	'map.region': 'Bản đồ di sản Việt Nam',
	'map.loading': 'Đang tải bản đồ…',
	'map.failed':
		'Không tải được bản đồ. Danh sách bên dưới vẫn dùng được; hãy tải lại trang để thử lại.',
	'map.listHeading': 'Hồ sơ trên bản đồ',
	'map.listCount': '{shown} trong {total} hồ sơ đã công bố',
	'map.empty': 'Chưa có hồ sơ nào được công bố.',
	'map.cluster': '{count} hồ sơ ở đây, phóng to để xem',
	'map.zoomIn': 'Phóng to',
	'map.zoomOut': 'Thu nhỏ',
	'map.previewClose': 'Đóng thẻ xem trước',
	'map.previewOpen': 'Xem hồ sơ',
	'map.attribution': 'Ghi công bản đồ'
} as const;
